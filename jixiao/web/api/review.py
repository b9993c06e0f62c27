"""The review endpoints every reviewed kind has — move it through the cycle, read and add comments —
written once and added to each kind's router by :func:`add_review_routes`."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Router, Status

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.schemas import CommentIn, CommentOut, Problem, TransitionIn


def move(request: HttpRequest, rows: QuerySet, pk: int, body: TransitionIn) -> Any:
    """Make the move ``body`` names; the thing as it is afterwards."""
    user = writer(request)
    target = policy.get_visible(user, rows, pk)
    if body.verb not in policy.transitions_of(policy.kind_of(rows)):
        raise ActionError(f"未知操作：{body.verb}")
    do_transition(
        acting_user=user,
        target=target,
        verb=body.verb,
        grade=body.grade,
        opinion=body.opinion,
        expected_version=body.version,
    )
    return policy.get_visible(user, rows, pk)


def comments(request: HttpRequest, rows: QuerySet, pk: int) -> list[Any]:
    """The live comments on the thing; the public sees none (review opinions are internal)."""
    user = reader(request)
    target = policy.get_visible(user, rows, pk)
    if user is None:
        return []
    return list(target.comments.filter(archived=False).select_related("author"))


def comment(request: HttpRequest, rows: QuerySet, pk: int, body: CommentIn) -> Any:
    """Add a comment on the thing or on one of its rows (``item_id``, or ``indicator_id`` as before)."""
    user = writer(request)
    target = policy.get_visible(user, rows, pk)
    item = None
    if (item_id := body.item_id if body.item_id is not None else body.indicator_id) is not None:
        item = getattr(target, target.ITEMS).filter(pk=item_id).first()
        if item is None:
            raise ActionError(f"该指标不属于此{target.LABEL}。")
    return do_comment(acting_user=user, target=target, text=body.text, item=item)


def add_review_routes(
    router: Router,
    rows: QuerySet,
    param: str,
    out: Any,
    label: str,
    moves: str,
) -> None:
    """Add ``POST /{param}/transitions`` and ``GET``/``POST /{param}/comments`` for the kind ``rows`` holds.

    A move answers with the thing as it is afterwards, read by ``out``; ``label`` and ``moves`` name it and
    its moves.
    """
    at = f"/{{{param}}}"
    kind = policy.kind_of(rows)
    tags = [str(t) for t in router.tags or []] + ["审核"]

    @router.post(
        f"{at}/transitions",
        response={200: out, 403: Problem, 409: Problem, 400: Problem},
        auth=WRITE_AUTH,
        tags=tags,
        summary=f"{label}流转：{moves}",
        operation_id=f"{kind}_transition",
    )
    def transition(request: HttpRequest, body: TransitionIn, pk: int = Path(..., alias=param)) -> Any:
        return move(request, rows, pk, body)

    @router.get(
        f"{at}/comments",
        response=list[CommentOut],
        tags=tags,
        summary=f"{label}的审核意见",
        operation_id=f"{kind}_comments",
    )
    def list_comments(request: HttpRequest, pk: int = Path(..., alias=param)) -> list[Any]:
        return comments(request, rows, pk)

    @router.post(
        f"{at}/comments",
        response={201: CommentOut, 403: Problem, 400: Problem},
        auth=WRITE_AUTH,
        tags=tags,
        summary=f"对{label}或单个指标提出意见",
        operation_id=f"{kind}_add_comment",
    )
    def add_comment(request: HttpRequest, body: CommentIn, pk: int = Path(..., alias=param)) -> Status:
        return Status(201, comment(request, rows, pk, body))
