"""mlquiz grader: sandboxed execution of student code and trusted-side checking.

The core of this package imports no Django; only `grader/tasks.py` and
`grader/management/` touch the Django project.
"""
