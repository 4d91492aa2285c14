"""PyTorch reference solutions: the trusted truth the grader compares student code against."""
