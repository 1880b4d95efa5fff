from fastapi import FastAPI

from app.config import settings

app = FastAPI(title="notes")


@app.get("/")
def index() -> dict[str, str]:
    return {"db": settings.database_url.rsplit("@", 1)[-1]}
