from fastapi import APIRouter

from app.core.config import settings

router = APIRouter(tags=["login"])


@router.get("/login/test")
def test_login() -> dict[str, str]:
    return {"project": settings.PROJECT_NAME}
