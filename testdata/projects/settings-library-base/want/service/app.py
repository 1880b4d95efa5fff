from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.config import settings
from service.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(title=settings.service_name, lifespan=lifespan)
