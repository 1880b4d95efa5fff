from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import settings
from app.core.cache import close_redis_client
from app.core.queue import close_pool


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()
    await close_pool()


app = FastAPI(debug=settings.debug, lifespan=lifespan)
