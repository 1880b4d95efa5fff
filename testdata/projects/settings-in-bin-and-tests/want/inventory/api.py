from contextlib import asynccontextmanager

from fastapi import FastAPI

from inventory.config import Settings
from inventory.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


settings = Settings()
app = FastAPI(lifespan=lifespan)
