"""`grade audit`: how strong the course's checks are, measured by mutating the model solutions.

    operators    realistic mistakes as AST rewrites of a model solution -> `Mutant`s
    equivalence  whether a surviving mutant is the model in disguise (same results on many inputs)
    run          grades every mutant with the course's checks, in parallel; the `AuditReport`
    render       the report as text or JSON
"""
