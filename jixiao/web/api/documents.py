"""``/api/imports`` and ``/api/tokens``: loading a published disclosure, and issuing a bearer token."""

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.imports import do_import_document
from jixiao.web.api.auth import WRITE_AUTH, writer
from jixiao.web.api.schemas import ImportOut, Problem, TokenOut
from jixiao.web.organisations.models import ApiToken, Region

router = Router()


@router.post(
    "/imports",
    response={201: ImportOut, 403: Problem, 400: Problem, 404: Problem},
    auth=WRITE_AUTH,
    tags=["导入"],
    summary="导入公开文档（财政管理员）",
)
def import_document(
    request: HttpRequest, region: Form[int], file: File[UploadedFile], year: Form[int | None] = None
) -> Status:
    from jixiao.web.actions.imports import read_upload, stated_date_of

    user = writer(request)
    found = Region.objects.filter(pk=region).first()
    if found is None:
        raise Http404("地区不存在。")
    policy.require(user, "import", found)
    data = file.read()
    document = read_upload(data, file.name or "upload.txt")
    target_year = year or document.year
    if not target_year or not 2000 <= target_year <= 2100:
        raise ActionError("请提供有效的预算年度。")
    batch = do_import_document(
        acting_user=user,
        region=found,
        year=target_year,
        document=document,
        published=stated_date_of(data, file.name or ""),  # the portal's 公开时间, when the text states it
    )
    return Status(201, batch)


@router.post(
    "/tokens",
    response={201: TokenOut},
    auth=WRITE_AUTH,
    tags=["认证"],
    summary="为当前用户签发 API 令牌（仅显示一次）",
)
def issue_token(request: HttpRequest, name: Form[str] = "") -> Status:
    # NUL cannot be stored in PostgreSQL text; a token's label loses it rather than failing.
    row, token = ApiToken.issue(writer(request), name=name.replace("\x00", "")[:100])
    return Status(201, TokenOut(token=token, name=row.name))
