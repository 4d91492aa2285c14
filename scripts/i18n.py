"""Keep the translation catalogs in step with the sources (Babel does the work).

    python scripts/i18n.py update [DOMAIN...]   extract each domain's messages, merge them into
                                                grader/locale/zh_CN/LC_MESSAGES/DOMAIN.po (new
                                                ones untranslated, gone ones dropped), compile .mo
    python scripts/i18n.py compile [DOMAIN...]  compile .po into .mo after translating
    python scripts/i18n.py check [DOMAIN...]    list what tests/test_i18n.py would fail on

Translate a .po with any PO editor (or by hand: fill each msgstr), following docs/glossary.md,
then run `compile`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader import catalogs  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "compile", "check"):
        print(__doc__)
        return 2
    action, domains = argv[0], argv[1:] or list(catalogs.ALL_DOMAINS)
    failed = 0
    for domain in domains:
        if action == "update":
            total, untranslated = catalogs.update(domain)
            print(f"{domain}: {total} messages, {untranslated} untranslated")
        elif action == "compile":
            catalogs.compile_catalog(domain)
            print(f"{domain}: compiled")
        else:
            found = catalogs.problems(domain)
            failed += len(found)
            for problem in found:
                print(problem)
            print(f"{domain}: {len(found)} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
