from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from app.config import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient()
    try:
        yield
    finally:
        await app.state.http.aclose()


app = FastAPI(
    title=settings.app_name,
    lifespan=lifespan,
)
