package python

import (
	"errors"
	"testing"
)

// TestUndoKeepsSharedLine checks that Undo never takes the user's code out
// with the hook's line: a call that shares its line with another
// statement is left, with a refusal that says to remove it by hand.
func TestUndoKeepsSharedLine(t *testing.T) {
	src := `from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.cache import close_redis_client


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield
    await close_redis_client(); await mine()


app = FastAPI(lifespan=lifespan)
`
	f, err := Parse("app/main.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := Wire{App: "app", Lifespan: "lifespan", Hook: Hook{Kind: Shutdown, Module: "app.core.cache", Name: "close_redis_client"}}
	g, actions, err := w.Undo(f)
	var u *UnwiredError
	if !errors.As(err, &u) {
		t.Fatalf("Undo = %v, %v; want an UnwiredError", actions, err)
	}
	if g != nil && string(g.Bytes()) != src {
		t.Errorf("Undo changed the module:\n%s", g.Bytes())
	}
}

// TestWireRefusesInlineBlock refuses, with the lines to paste, a shutdown
// call for a lifespan whose finally: holds its statement on the clause's
// own line: a line appended at that statement's indentation would land
// outside the block.
func TestWireRefusesInlineBlock(t *testing.T) {
	src := `from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    try:
        yield
    finally: await other()


app = FastAPI(lifespan=lifespan)
`
	f, err := Parse("app/main.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := Wire{App: "app", Lifespan: "lifespan", Hook: Hook{Kind: Shutdown, Module: "app.core.cache", Name: "close_redis_client"}}
	if _, _, err := w.Ensure(f); !errors.As(err, new(*UnwiredError)) {
		t.Fatalf("Ensure: err = %v, want an UnwiredError", err)
	}
}
