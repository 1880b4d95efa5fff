from fastapi import FastAPI

from src.service.settings import settings

app = FastAPI(debug=settings.debug)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
