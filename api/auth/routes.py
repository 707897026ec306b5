"""Token endpoints. A refused sign-in answers 401 without raising, so that the failed-login count
(and a refresh-token family revoked for reuse) is committed with the request."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Cookie, Depends, Form, Header, Response, status
from fastapi.responses import JSONResponse
from pydantic import WithJsonSchema

from api.auth.repository import AuthRepository
from api.auth.schemas import Me, TokenResponse
from api.auth.service import AuthService, Issued, LoginRefused
from api.config import get_settings
from api.db import SessionDep
from api.errors import TYPE_BASE, problem
from api.keys import get_keys
from api.problems import PROBLEMS
from api.security.citizen import VerificationMethod
from api.security.guard import guard
from api.security.principal import Principal

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], responses=PROBLEMS)

REFRESH_COOKIE = "ieum_refresh"
REFRESH_PATH = "/api/v1/auth"


def _service(session: SessionDep) -> AuthService:
    return AuthService(AuthRepository(session), get_keys(), get_settings())


def _refused(exc: LoginRefused) -> JSONResponse:
    return problem(
        401,
        "인증 실패",
        exc.detail,
        type_=TYPE_BASE + "login-refused",
        headers={"WWW-Authenticate": "Bearer", "Cache-Control": "no-store"},
    )


def _token_response(issued: Issued) -> JSONResponse:
    body = TokenResponse(
        access_token=issued.access_token, expires_in=issued.expires_in, scope=" ".join(sorted(issued.scopes))
    )
    response = JSONResponse(body.model_dump(), headers={"Cache-Control": "no-store", "Pragma": "no-cache"})
    if issued.refresh_token is not None:
        settings = get_settings()
        response.set_cookie(
            REFRESH_COOKIE,
            issued.refresh_token,
            max_age=settings.refresh_token_hours * 3600,
            path=REFRESH_PATH,
            httponly=True,
            secure=settings.cookie_secure,
            samesite="strict",
        )
    return response


@router.post("/token", response_model=TokenResponse)
async def token(
    session: SessionDep,
    grant_type: Annotated[Literal["password", "client_credentials"], Form()],
    username: Annotated[str | None, Form(max_length=64)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    client_id: Annotated[str | None, Form(max_length=64)] = None,
    client_secret: Annotated[str | None, Form(max_length=256)] = None,
    scope: Annotated[str | None, Form(max_length=1000)] = None,
    citizen_rrn: Annotated[
        str | None,
        Form(
            max_length=32,
            description="client_credentials only: 주민등록번호 of the citizen the client verified",
        ),
    ] = None,
    citizen_verified_by: Annotated[
        VerificationMethod | None,
        Form(description="client_credentials only: how the client verified the citizen"),
        # A form field cannot carry null: documented as the bare enum, optional, so that no client
        # is invited to send the text "null".
        WithJsonSchema({"type": "string", "enum": [m.value for m in VerificationMethod]}),
    ] = None,
) -> Response:
    """OAuth2 token endpoint. `password` grant for officials (also sets the HttpOnly refresh cookie);
    `client_credentials` for portals and kiosks. Access tokens live at most 15 minutes.

    **Citizen binding.** A portal or kiosk acts only for the one citizen it has verified itself. It
    sends `citizen_rrn` (the citizen's 주민등록번호, 13 digits, hyphen optional) together with
    `citizen_verified_by`, how it verified them: `mobile_id` (모바일 신분증), `certificate`
    (공동·금융인증서) or `simple_auth` (간편인증) for a portal; `kiosk_fingerprint` (지문) or
    `kiosk_id_card` (신분증 진위확인) for a kiosk. The token is then bound to that citizen and lives
    at most 5 minutes; request a new one for each citizen. The number is not stored and does not
    appear in the token, which carries only a keyed blind index of it.

    Both fields or neither; one alone, an invalid number, a method the client may not use, or
    citizen fields with the `password` grant are refused with 401 (`login-refused`), and the number
    is never repeated in the answer."""
    service = _service(session)
    try:
        citizen = bool(citizen_rrn) or citizen_verified_by is not None
        if grant_type == "password":
            if citizen:
                raise LoginRefused("citizen_rrn 과 citizen_verified_by 는 client_credentials 에만 씁니다.")
            if not username or not password:
                raise LoginRefused("username 과 password 가 필요합니다.")
            return _token_response(await service.password_login(username, password, scope))
        if not client_id or not client_secret:
            raise LoginRefused("client_id 와 client_secret 이 필요합니다.")
        if citizen and (not citizen_rrn or citizen_verified_by is None):
            raise LoginRefused("citizen_rrn 과 citizen_verified_by 는 함께 보내야 합니다.")
        issued = await service.client_login(
            client_id,
            client_secret,
            scope,
            citizen_rrn=citizen_rrn or None,
            citizen_verified_by=citizen_verified_by,
        )
        return _token_response(issued)
    except LoginRefused as exc:
        return _refused(exc)


@router.post("/refresh", response_model=TokenResponse)
async def refresh(
    session: SessionDep,
    x_requested_with: Annotated[
        str, Header(description="must be sent by the SPA (CSRF guard)", max_length=32)
    ],
    ieum_refresh: Annotated[str | None, Cookie(max_length=200)] = None,
) -> Response:
    """Exchanges the refresh cookie for a new access token and rotates the cookie. A cookie used
    twice ends the whole session."""
    if not ieum_refresh:
        return _refused(LoginRefused("로그인이 필요합니다."))
    try:
        return _token_response(await _service(session).refresh(ieum_refresh))
    except LoginRefused as exc:
        response = _refused(exc)
        response.delete_cookie(REFRESH_COOKIE, path=REFRESH_PATH)
        return response


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    session: SessionDep,
    x_requested_with: Annotated[
        str, Header(description="must be sent by the SPA (CSRF guard)", max_length=32)
    ],
    ieum_refresh: Annotated[str | None, Cookie(max_length=200)] = None,
) -> Response:
    """Ends the session: revokes the refresh cookie's whole family and clears it."""
    if ieum_refresh:
        await _service(session).logout(ieum_refresh)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_PATH)
    return response


@router.get("/me", response_model=Me)
async def me(principal: Annotated[Principal, Depends(guard())]) -> Me:
    """Who the token belongs to: account, jurisdiction, duties and the scopes in force."""
    return Me(
        kind=principal.kind,
        name=principal.name,
        sigungu_code=principal.sigungu_code,
        emd_code=principal.emd_code,
        roles=list(principal.roles),
        programs=list(principal.programs),
        scopes=sorted(principal.scopes),
    )
