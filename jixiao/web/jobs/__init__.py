"""后台任务: work too long for a request (a disclosure of many projects, a library rebuild) runs in a worker.

A :class:`~jixiao.web.jobs.models.Job` is the person's record of one piece of such work: what it is, how far
it has got (done of total, and a message the code doing the work reports), the file it made or the Chinese
error it stopped with. django-tasks (database backend) carries the work to the worker: ``jixiao serve`` runs
one in a thread; a production site runs ``jixiao manage db_worker`` beside the WSGI server.
"""
