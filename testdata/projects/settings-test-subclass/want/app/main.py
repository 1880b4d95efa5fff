from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.cache import close_redis_client
from app.core import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(lifespan=lifespan)


@app.get("/config")
def config() -> dict[str, int]:
    return {"page_size": settings.page_size}
