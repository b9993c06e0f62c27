from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jixiao.web.audit"
    label = "audit"
    verbose_name = "审计记录"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed
        from django.core.signals import got_request_exception

        from jixiao.web.audit import errorlog, logins

        got_request_exception.connect(errorlog.log_unhandled, dispatch_uid="jixiao-errorlog")
        user_login_failed.connect(logins.login_failed, dispatch_uid="jixiao-login-failed")
        user_locked_out.connect(logins.locked_out, dispatch_uid="jixiao-locked-out")
