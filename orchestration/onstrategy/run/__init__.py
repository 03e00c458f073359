"""`onstrategy run` as a process: the pipeline in order (pipeline), one run per warehouse (lock), children that die
with it (children)."""
