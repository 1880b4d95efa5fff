from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api.health import router as health_router
from app.core.config import settings
from app.core.ws import close_manager, websocket_router


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_manager()


app = FastAPI(title=settings.app_name, debug=settings.debug, lifespan=lifespan)
app.include_router(health_router)
app.include_router(websocket_router)
