from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    print("starting", settings.database_url)
    yield


app = FastAPI(lifespan=lifespan)
