from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
async def items() -> list[str]:
    return []
