from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import settings
from app.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client()


app = FastAPI(title="notes", lifespan=lifespan)


@app.get("/")
def index() -> dict[str, str]:
    return {"db": settings.database_url.rsplit("@", 1)[-1]}
