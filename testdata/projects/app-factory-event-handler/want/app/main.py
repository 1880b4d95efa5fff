from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api import router
from app.config import settings
from app.core.cache import close_redis_client
from app.core.ws import close_manager, websocket_router


async def connect() -> None:
    pass


def create_app() -> FastAPI:
    application = FastAPI(title=settings.app_name)
    application.add_middleware(CORSMiddleware, allow_origins=["*"])
    application.add_event_handler("startup", connect)
    application.add_event_handler("shutdown", close_redis_client)
    application.add_event_handler("shutdown", close_manager)
    application.include_router(router)
    application.include_router(websocket_router)
    return application
