def hash_password(p: str) -> str:
    return p[::-1]
