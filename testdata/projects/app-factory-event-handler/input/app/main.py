from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api import router
from app.config import settings


async def connect() -> None:
    pass


def create_app() -> FastAPI:
    application = FastAPI(title=settings.app_name)
    application.add_middleware(CORSMiddleware, allow_origins=["*"])
    application.add_event_handler("startup", connect)
    application.include_router(router)
    return application
