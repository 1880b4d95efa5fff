from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from app.config import settings
from app.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient()
    try:
        yield
    finally:
        await app.state.http.aclose()
        await close_redis_client()


app = FastAPI(
    title=settings.app_name,
    lifespan=lifespan,
)
