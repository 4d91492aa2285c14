"""The class's progress on stderr: a bar (done / total, submissions per minute, time left,
failures so far) when stderr is a terminal, and one line per student in any case (above the
bar), as `grade-class` always printed them."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeRemainingColumn)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Submissions per minute, from rich's own speed estimate."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- /min" if speed is None else f"{speed * 60:.1f}/min")


class ClassProgress:
    """`start(total)` once the class is read, then `advance(line, failed)` per graded student;
    `say(line)` for a line without progress. `bar`: None shows it when stderr is a terminal."""

    def __init__(self, bar: bool | None = None) -> None:
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.bar = self.console.is_terminal if bar is None else bar
        self.failures = 0
        self._progress: Progress | None = None
        self._task = None

    def start(self, total: int) -> None:
        if not self.bar or total == 0:
            return
        self._progress = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                                  TextColumn("left"), TimeRemainingColumn(),
                                  TextColumn("{task.fields[failures]} failed"), console=self.console,
                                  transient=False)
        self._progress.start()
        self._task = self._progress.add_task("grading", total=total, failures=0)

    def say(self, line: str) -> None:
        """One line on stderr; whatever the student controls in it is shown, never obeyed."""
        from grader.report import visible

        self.console.print(Text(visible(line)))

    def advance(self, line: str, failed: bool) -> None:
        self.failures += failed
        self.say(line)
        if self._progress is not None:
            self._progress.update(self._task, advance=1, failures=self.failures)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> "ClassProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
