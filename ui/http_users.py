"""HTTP routes for returning shoppers (included by ``ui.http_api.create_app``)::

    GET    /v1/users/{id}/profile       → the long-term profile (affinities with their reasons)
    PATCH  /v1/users/{id}/profile       {"field", "value", "action": "hide"|"pin"} → the edited profile
    DELETE /v1/users/{id}/profile       → 204: forget what was learned (events, edits)
    GET    /v1/users/{id}/export        → everything stored about the user (JSON)
    DELETE /v1/users/{id}               → 204: the user, their events and all their sessions

Sessions are tied to a user by ``POST /v1/sessions {"user_id": ...}``. Thin edge: each
route calls one ``Assistant.shoppers`` method.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

USER_ID = dict(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:@-]+$")


class ProfileEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: Literal["brand", "colour", "size", "material", "category"]
    value: str = Field(..., min_length=1, max_length=200)
    action: Literal["hide", "pin"] = Field("hide", description="hide: never use it again; pin: always use it")


def users_router(assistant, dependencies: list, responses: dict) -> APIRouter:
    router = APIRouter(prefix="/v1/users", tags=["users"], dependencies=dependencies, responses=responses)
    shoppers = assistant.shoppers

    @router.get("/{user_id}/profile")
    async def get_profile(user_id: str) -> dict[str, Any]:
        """The shopper's long-term profile, learned from their events across sessions."""
        return await run_in_threadpool(shoppers.profile, user_id)

    @router.patch("/{user_id}/profile")
    async def edit_profile(user_id: str, body: ProfileEdit) -> dict[str, Any]:
        return await run_in_threadpool(shoppers.edit, user_id, body.field, body.value, body.action)

    @router.delete("/{user_id}/profile", status_code=204)
    async def reset_profile(user_id: str) -> Response:
        await run_in_threadpool(shoppers.reset, user_id)
        return Response(status_code=204)

    @router.get("/{user_id}/export")
    async def export_user(user_id: str) -> dict[str, Any]:
        return await run_in_threadpool(shoppers.export, user_id)

    @router.delete("/{user_id}", status_code=204)
    async def delete_user(user_id: str) -> Response:
        await run_in_threadpool(shoppers.delete, user_id)
        return Response(status_code=204)

    return router
