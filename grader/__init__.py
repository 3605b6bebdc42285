"""mlquiz grader: sandboxed execution of student code and trusted-side checking.

The core of this package imports no Django, Celery or app of the project; only
`grader/apps.py` and `grader/management/` touch the Django project. The Celery task
that grades a submission lives with the service it runs, in `exercises/tasks.py`.
"""
