from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.cache import close_redis_client
from app.settings import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(debug=settings.debug, lifespan=lifespan)
