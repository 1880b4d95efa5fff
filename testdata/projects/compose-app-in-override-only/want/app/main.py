from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.cache import close_redis_client
from app.core.queue import close_pool
from app.settings import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()
    await close_pool()


app = FastAPI(lifespan=lifespan)
