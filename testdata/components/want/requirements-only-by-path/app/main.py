from fastapi import FastAPI

from app.config import settings

app = FastAPI()


@app.get("/health")
def health() -> dict[str, str]:
    return {"redis": settings.redis_url}
