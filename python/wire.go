package python

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// HookKind says how the app uses a name a component's module exports.
type HookKind int

// The ways an app uses a component's export.
const (
	// Startup is an async function awaited when the app starts:
	// `await connect()` before the lifespan's yield.
	Startup HookKind = iota + 1
	// Shutdown is an async function awaited when the app stops:
	// `await close_redis()` after the lifespan's yield.
	Shutdown
	// Setup is a function called with the app once it is built:
	// `setup_metrics(app)`.
	Setup
	// Router is an APIRouter the app includes: `app.include_router(router)`.
	Router
)

// String names the kind as the component format does.
func (k HookKind) String() string {
	switch k {
	case Startup:
		return "startup"
	case Shutdown:
		return "shutdown"
	case Setup:
		return "setup"
	case Router:
		return "router"
	}
	return fmt.Sprintf("HookKind(%d)", int(k))
}

// Hook is one name that the app uses, imported from a module of the
// project: `from Module import Name`.
type Hook struct {
	Kind   HookKind
	Module string // the dotted module that exports Name: "app.core.cache"
	Name   string // "close_redis"
}

// statement is the line that uses the hook, for an app held by app.
func (h Hook) statement(app string) string {
	switch h.Kind {
	case Setup:
		return h.Name + "(" + app + ")"
	case Router:
		return app + ".include_router(" + h.Name + ")"
	}
	return "await " + h.Name + "()"
}

// event is the Starlette event of a startup or shutdown hook.
func (h Hook) event() string {
	if h.Kind == Startup {
		return "startup"
	}
	return "shutdown"
}

// what describes the hook for an action.
func (h Hook) what(app string) string {
	switch h.Kind {
	case Startup, Shutdown:
		return fmt.Sprintf("%s at %s", h.statement(app), h.event())
	}
	return h.statement(app)
}

// Wire is the edit that makes the app use one hook: the smallest
// insertion into the module that builds the app (or defines its
// lifespan), following the app's own way of running code at startup and
// shutdown. It is a value, like the other edits of a plan: Ensure puts it
// in and Undo takes out what Ensure put in.
//
// Where the line goes:
//   - startup and shutdown in an existing lifespan (`lifespan=NAME`, NAME a
//     function of the module): startup before its yield, shutdown at the
//     end of the yield's block, or of the `finally:` when the yield is in a
//     try/finally;
//   - in an app with `@app.on_event(...)` or `app.add_event_handler(...)`
//     handlers: at the end of the async handler of that event, or a new
//     handler beside the others in the same form;
//   - otherwise a new `@asynccontextmanager` lifespan above the app, and
//     `lifespan=lifespan` in the FastAPI(...) call; or, when FastAPI
//     cannot take one (the FastAPI requirement admits no 0.93 or later),
//     an `@app.on_event(...)` handler after the app's setup;
//   - setup calls after the app's last add_middleware, include_router,
//     mount or setup call (before `return app` in a factory); routers after
//     the last include_router.
//
// What paxx cannot wire safely is an *UnwiredError that holds the lines to
// paste, never a guess.
type Wire struct {
	// App is what the entrypoint names in the app module (`app`, or a
	// factory's name); "" for the one app the module builds.
	App string
	// Lifespan, when set, says that the file is the module defining the
	// app's lifespan, the function of that name, which the app module
	// imports: Startup and Shutdown hooks go into it, and App is unused.
	Lifespan string
	// Hook is what the app is to use.
	Hook Hook
	// KeepLifespan says the app's lifespan was there before paxx wired
	// anything into it: Undo never removes it, even when it is left as
	// empty as the one paxx writes (which bytes alone cannot tell apart).
	KeepLifespan bool
	// FastAPI is the project's requirement on fastapi as declared, PEP 508
	// ("fastapi==0.92.0") or a Poetry constraint ("^0.92"); "" when
	// unknown. It decides whether a new lifespan is possible.
	FastAPI string
}

// ErrUnwired marks a hook that Wire could not place safely; the error is
// an *UnwiredError that says what to paste.
var ErrUnwired = errors.New("not wired")

// UnwiredError is a hook that Wire refused to place, where, why, and the
// lines a person pastes to do it by hand: a caller makes it a note and
// goes on with the rest of the install.
type UnwiredError struct {
	Err   *rewrite.Error // the place and the reason; Kind is ErrUnwired
	Paste string         // the lines to paste, with a comment saying where
}

// Error gives the located reason.
func (e *UnwiredError) Error() string { return e.Err.Error() }

// Unwrap gives the located error, whose kind is ErrUnwired.
func (e *UnwiredError) Unwrap() error { return e.Err }

// unwired returns the refusal of w at offset off of src.
func (w Wire) unwired(path string, src []byte, off int, format string, args ...any) *UnwiredError {
	re := rewrite.RefusedAt(path, src, off, format, args...)
	re.Kind = ErrUnwired
	paste := w.Paste()
	re.Hint = "wire it by hand: " + strings.ReplaceAll(paste, "\n", "; ")
	return &UnwiredError{Err: re, Paste: paste}
}

// Paste is what a person writes to wire the hook by hand: its import,
// and its line with a comment that says where it goes.
func (w Wire) Paste() string {
	imp := fmt.Sprintf("from %s import %s", w.Hook.Module, w.Hook.Name)
	switch w.Hook.Kind {
	case Startup:
		return imp + "\n" + w.Hook.statement("app") + "  # in the app's lifespan, before its yield"
	case Shutdown:
		return imp + "\n" + w.Hook.statement("app") + "  # in the app's lifespan, after its yield"
	case Router:
		return imp + "\n" + w.Hook.statement("app") + "  # after the app is built"
	}
	return imp + "\n" + w.Hook.statement("app") + "  # once the app is built"
}

// LifespanSupported reports whether a project whose requirement on
// fastapi is req can pass `lifespan=` to FastAPI(...) (0.93 and later):
// false only when req rules out every such version. An empty or unread
// requirement counts as supported.
func LifespanSupported(req string) bool {
	want := requirements.Requirement{Name: "fastapi", Specifiers: []requirements.Specifier{{Op: ">=", Version: "0.93"}}}
	if strings.TrimSpace(req) == "" {
		return true
	}
	if r, err := requirements.ParseRequirement(req); err == nil {
		return !r.Excludes(want)
	}
	return !requirements.PoetryExcludes(req, want)
}

// validate rejects a Wire that names no hook.
func (w Wire) validate(path string) error {
	h := w.Hook
	if h.Kind < Startup || h.Kind > Router || !isDottedName(h.Module) || !isIdentifier(h.Name) {
		return fmt.Errorf("%s: wiring %s %q from %q: not a hook", path, h.Kind, h.Name, h.Module)
	}
	if w.Lifespan != "" && (h.Kind == Setup || h.Kind == Router) {
		return fmt.Errorf("%s: wiring %s %s into lifespan %s: only startup and shutdown go into a lifespan", path, h.Kind, h.Name, w.Lifespan)
	}
	return nil
}

// Ensure wires the hook into f, and the import it needs; f itself, with
// no actions, when it is wired already. The result is parsed again and
// must hold every byte of f.
func (w Wire) Ensure(f *File) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	if err := w.validate(f.path); err != nil {
		return nil, nil, err
	}
	out, actions, imports, err := w.place(f.path, f.src)
	if err != nil {
		return nil, nil, err
	}
	g := f
	if len(actions) > 0 {
		if g, err = Parse(f.path, out); err != nil {
			return nil, nil, fmt.Errorf("%s: wiring %s: the result does not parse: %w", f.path, w.Hook.Name, err)
		}
	}
	g, more, err := g.addImportsFirst(append([]Import{{Module: w.Hook.Module, Name: w.Hook.Name}}, imports...), []string{w.Hook.Module})
	if err != nil {
		return nil, nil, err
	}
	if len(more) > 0 && len(actions) > 0 {
		// The lines placed below where the imports went moved down.
		first := commonPrefix(out, g.src)
		shift := bytes.Count(g.src, []byte("\n")) - bytes.Count(out, []byte("\n"))
		placed := 0
		for i := range actions {
			if rewrite.Offset(out, actions[i].Line) >= first {
				actions[i].Line += shift
			}
			if placed == 0 || actions[i].Line < placed {
				placed = actions[i].Line
			}
		}
		for _, m := range more {
			if m.Line >= placed {
				// A module that imports after it builds the app: the
				// call would run before its name is bound.
				return nil, nil, w.unwired(f.path, f.src, 0, "the module's imports come after where %s goes, which would run before its import", w.Hook.Name)
			}
		}
	}
	if !rewrite.IsInsertOnly(f.src, g.src) {
		return nil, nil, fmt.Errorf("%s: wiring %s would change the module's own text", f.path, w.Hook.Name)
	}
	return g, append(more, actions...), nil
}

// commonPrefix is the length of the bytes a and b start with alike.
func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// place inserts the hook's line into src, creating the lifespan first
// when the app has none, and returns the result, its actions and the
// imports the new lines need besides the hook's.
func (w Wire) place(path string, src []byte) ([]byte, []rewrite.Action, []Import, error) {
	var actions []rewrite.Action
	var imports []Import
	for range 2 {
		p, err := w.plan(path, src)
		if err != nil {
			return nil, nil, nil, err
		}
		if len(p.edits) == 0 {
			return src, actions, imports, nil
		}
		out, err := rewrite.Apply(src, p.edits)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: wiring %s: %w", path, w.Hook.Name, err)
		}
		// Actions named earlier move down by the lines inserted above them.
		for i := range actions {
			actions[i].Line += linesAbove(src, p.edits, rewrite.Offset(src, actions[i].Line))
		}
		for _, m := range p.marks {
			actions = append(actions, rewrite.Action{Line: outLine(src, p.edits, m.edit, m.within), What: m.what})
		}
		imports = append(imports, p.imports...)
		src = out
		if !p.again {
			return src, actions, imports, nil
		}
	}
	return nil, nil, nil, fmt.Errorf("%s: wiring %s: the new lifespan did not take the call", path, w.Hook.Name)
}

// wirePlan is one round of insertions: the edits, the actions they make
// (an edit and the offset within its text of the line named), the
// imports they need, and whether the hook still has to go into what they
// made (a new lifespan).
type wirePlan struct {
	edits   []rewrite.Edit
	marks   []mark
	imports []Import
	again   bool
}

// mark is an action of a plan: what, on the line of edit's text at
// offset within.
type mark struct {
	edit, within int
	what         string
}

// insert adds an insertion of text at off, named by what on the line of
// the text at within (-1 for no action).
func (p *wirePlan) insert(off int, text string, within int, what string) {
	p.edits = append(p.edits, rewrite.Edit{Start: off, End: off, Text: text})
	if within >= 0 {
		p.marks = append(p.marks, mark{len(p.edits) - 1, within, what})
	}
}

// outLine returns the line, in the output of edits on src, of the byte at
// offset within of edit i's text.
func outLine(src []byte, edits []rewrite.Edit, i, within int) int {
	e := edits[i]
	line := 1 + bytes.Count(src[:e.Start], []byte("\n")) + linesAbove(src, edits[:i], e.Start)
	for j, o := range edits {
		if j > i && o.Start < e.Start {
			line += strings.Count(o.Text, "\n")
		}
	}
	return line + strings.Count(e.Text[:within], "\n")
}

// linesAbove counts the line breaks that edits insert before offset off.
func linesAbove(src []byte, edits []rewrite.Edit, off int) int {
	n := 0
	for _, e := range edits {
		if e.Start < off || e.Start == off && e.End == e.Start {
			n += strings.Count(e.Text, "\n") - bytes.Count(src[e.Start:e.End], []byte("\n"))
		}
	}
	return n
}

// plan decides where the hook goes in src, as it is now.
func (w Wire) plan(path string, src []byte) (*wirePlan, error) {
	t, err := readAppTree(path, src)
	if err != nil {
		return nil, err
	}
	defer t.close()
	if err := w.checkBound(t); err != nil {
		return nil, err
	}
	if w.Lifespan != "" {
		_, def := t.function(w.Lifespan)
		if def == nil {
			return nil, w.unwired(path, src, 0, "no function %s here, which the app's lifespan= names", w.Lifespan)
		}
		return w.intoFunction(t, def, "lifespan")
	}
	b, err := t.app(w.App)
	if err != nil {
		var re *rewrite.Error
		if errors.As(err, &re) {
			u := w.unwired(path, src, 0, "%s", re.Msg)
			u.Err.Line, u.Err.Col = re.Line, re.Col
			return nil, u
		}
		return nil, err
	}
	switch w.Hook.Kind {
	case Setup, Router:
		return w.setup(t, b)
	}
	_, args := t.callParts(b.call)
	if s := splat(args); s != nil {
		return nil, w.unwired(path, src, int(s.StartByte()), "FastAPI(%s): paxx cannot tell whether it holds a lifespan", t.text(s))
	}
	if kw := t.keyword(args, "lifespan"); kw != nil {
		v := kw.ChildByFieldName("value")
		if v != nil && v.Type() == "identifier" {
			if _, def := t.function(t.text(v)); def != nil {
				return w.intoFunction(t, def, "lifespan")
			}
		}
		return nil, w.unwired(path, src, int(kw.StartByte()), "the app's lifespan, %s, is not a function of this module: paxx does not edit a lifespan built by a call or taken from a library", t.text(kw))
	}
	if hs := t.handlers(b); len(hs) > 0 {
		return w.handlers(t, b, hs)
	}
	if !LifespanSupported(w.FastAPI) {
		return w.newHandler(t, b)
	}
	return w.newLifespan(t, b)
}

// checkBound refuses a hook whose name the module binds to something
// else than the hook's import: the line would use the wrong object.
func (w Wire) checkBound(t *appTree) error {
	from, ok := t.bound(w.Hook.Name)
	if !ok || from == w.Hook.Module {
		return nil
	}
	what := "defines"
	if from != "" {
		what = "imports"
	}
	return w.unwired(t.path, t.src, 0, "the module %s %s already, not from %s", what, w.Hook.Name, w.Hook.Module)
}

// intoFunction places a startup or shutdown call in a lifespan function
// (or an on_event handler's, kind "handler"): startup before the yield,
// shutdown at the end of the yield's block or of its try's finally; in a
// handler, at the end of its body.
func (w Wire) intoFunction(t *appTree, def *sitter.Node, kind string) (*wirePlan, error) {
	stmt := w.Hook.statement("")
	p := &wirePlan{}
	if t.containsStmt(bodyOf(def), stmt) != nil {
		return p, nil
	}
	nl := rewrite.Newline(t.src)
	what := w.Hook.what("")
	if kind == "handler" {
		if !appendTo(p, t, bodyOf(def), stmt, nl, what) {
			return nil, w.unwired(t.path, t.src, int(def.StartByte()), "handler %s has no body paxx can read", t.funcName(def))
		}
		return p, nil
	}
	y := yieldStmt(def)
	if y == nil {
		return nil, w.unwired(t.path, t.src, int(def.StartByte()), "lifespan %s has no yield", t.funcName(def))
	}
	if w.Hook.Kind == Startup {
		if !startsLine(t.src, int(y.StartByte())) {
			return nil, w.unwired(t.path, t.src, int(y.StartByte()), "the yield of lifespan %s shares its line with other code", t.funcName(def))
		}
		ind := rewrite.Indentation(t.src, int(y.StartByte()))
		p.insert(rewrite.LineStart(t.src, int(y.StartByte())), ind+stmt+nl, 0, what)
		return p, nil
	}
	block := y.Parent()
	if try := block.Parent(); try != nil && try.Type() == "try_statement" {
		for _, c := range namedChildren(try) {
			if c.Type() == "finally_clause" {
				if fb := bodyOf(c); fb != nil {
					block = fb
				}
			}
		}
	}
	if !appendTo(p, t, block, stmt, nl, what) {
		return nil, w.unwired(t.path, t.src, int(def.StartByte()), "lifespan %s has no body paxx can add a line to", t.funcName(def))
	}
	return p, nil
}

// appendTo inserts stmt after the last statement of block, at the
// indentation of its first; false when block holds no statement (a body
// that does not parse as one).
func appendTo(p *wirePlan, t *appTree, block *sitter.Node, stmt, nl, what string) bool {
	st := statements(block)
	if len(st) == 0 || !startsLine(t.src, int(st[0].StartByte())) {
		// No statement, or a block written on its clause's line
		// (`finally: await other()`): a line appended at the first
		// statement's indentation would land outside the block.
		return false
	}
	ind := rewrite.Indentation(t.src, int(st[0].StartByte()))
	at, noEOL := lineAfter(t.src, int(st[len(st)-1].EndByte()))
	if noEOL {
		p.insert(at, nl+ind+stmt, len(nl), what)
		return true
	}
	p.insert(at, ind+stmt+nl, 0, what)
	return true
}

// setupMethods are the app's methods that set it up: a setup call goes
// after the last of them.
var setupMethods = map[string]bool{"add_middleware": true, "include_router": true, "mount": true,
	"add_exception_handler": true, "add_api_route": true, "add_route": true, "add_websocket_route": true}

// setup places a setup call or a router's include_router.
func (w Wire) setup(t *appTree, b *appBuild) (*wirePlan, error) {
	stmt := w.Hook.statement(b.name)
	p := &wirePlan{}
	for _, s := range b.stmts {
		if squash(t.text(s)) == squash(stmt) {
			return p, nil
		}
	}
	at, ind, pre := t.setupPlace(b, w.Hook.Kind == Router)
	nl := rewrite.Newline(t.src)
	if pre {
		p.insert(at, nl+ind+stmt, len(nl), w.Hook.what(b.name))
	} else {
		p.insert(at, ind+stmt+nl, 0, w.Hook.what(b.name))
	}
	return p, nil
}

// setupPlace returns where a line of the app's setup goes: the start of
// the line after the last setup statement (the last include_router, for
// a router) in the app's scope, else after the app is built; in a
// factory, before `return app` when no setup statement comes after the
// app. pre says the source has no line break there: the line goes after
// one.
func (t *appTree) setupPlace(b *appBuild, router bool) (at int, ind string, pre bool) {
	var anchor *sitter.Node
	after := false
	for _, s := range b.stmts {
		if s == b.assign || s.Equal(b.assign) {
			after = true
			continue
		}
		if !after {
			continue
		}
		callee, args := t.callParts(exprOf(s))
		method, isMethod := strings.CutPrefix(callee, b.name+".")
		switch {
		case router && isMethod && method == "include_router":
			anchor = s
		case router:
		case isMethod && setupMethods[method]:
			anchor = s
		case callee != "" && args != nil && squash(t.text(args)) == "("+b.name+")":
			anchor = s
		}
	}
	if anchor == nil && router {
		return t.setupPlace(b, false)
	}
	if anchor == nil && b.ret != nil {
		return rewrite.LineStart(t.src, int(b.ret.StartByte())), rewrite.Indentation(t.src, int(b.ret.StartByte())), false
	}
	if anchor == nil {
		anchor = b.assign
	}
	at, pre = lineAfter(t.src, int(anchor.EndByte()))
	return at, rewrite.Indentation(t.src, int(anchor.StartByte())), pre
}

// handlers places a startup or shutdown call in an app that has on_event
// or add_event_handler handlers: at the end of the async handler of the
// event defined here, else in a new handler in the same form as the
// others.
func (w Wire) handlers(t *appTree, b *appBuild, hs []handler) (*wirePlan, error) {
	ev := w.Hook.event()
	decorated := false
	var last *handler
	for i, h := range hs {
		if h.event == ev && h.def != nil && isAsync(h.def) {
			return w.intoFunction(t, h.def, "handler")
		}
		if h.stmt.Type() == "decorated_definition" {
			decorated = true
		}
		last = &hs[i]
	}
	if decorated {
		return w.newHandler(t, b)
	}
	call := fmt.Sprintf("%s.add_event_handler(%c%s%c, %s)", b.name, last.quote, ev, last.quote, w.Hook.Name)
	p := &wirePlan{}
	for _, s := range b.stmts {
		if squash(t.text(s)) == squash(call) {
			return p, nil
		}
	}
	for _, h := range hs {
		if h.stmt.Type() == "expression_statement" {
			last = &h
		}
	}
	nl := rewrite.Newline(t.src)
	ind := rewrite.Indentation(t.src, int(last.stmt.StartByte()))
	at, pre := lineAfter(t.src, int(last.stmt.EndByte()))
	if pre {
		p.insert(at, nl+ind+call, len(nl), w.Hook.what(b.name))
	} else {
		p.insert(at, ind+call+nl, 0, w.Hook.what(b.name))
	}
	return p, nil
}

// handlerName is the name of the on_event handler that paxx writes for a
// hook.
func (w Wire) handlerName() string { return w.Hook.Name + "_on_" + w.Hook.event() }

// newHandler writes an `@app.on_event(EVENT)` handler that awaits the
// hook: after the last decorated handler, else where setup goes.
func (w Wire) newHandler(t *appTree, b *appBuild) (*wirePlan, error) {
	p := &wirePlan{}
	name := w.handlerName()
	if _, ok := t.bound(name); ok {
		return nil, w.unwired(t.path, t.src, 0, "the module binds %s already: paxx cannot add its handler under that name", name)
	}
	nl, unit := rewrite.Newline(t.src), t.indentUnit()
	quote := byte('"')
	var anchor *sitter.Node
	for _, h := range t.handlers(b) {
		if h.stmt.Type() == "decorated_definition" {
			anchor, quote = h.stmt, h.quote
		}
	}
	blanks := strings.Repeat(nl, 2)
	if b.fn != nil {
		blanks = nl
	}
	var at int
	var ind string
	var pre bool
	if anchor != nil {
		at, pre = lineAfter(t.src, int(anchor.EndByte()))
		ind = rewrite.Indentation(t.src, int(anchor.StartByte()))
	} else {
		at, ind, pre = t.setupPlace(b, false)
	}
	def := fmt.Sprintf("%s@%s.on_event(%c%s%c)%sasync def %s():%s%s%s%s", ind, b.name, quote, w.Hook.event(), quote, nl+ind, name, nl, ind+unit, w.Hook.statement(""), nl)
	what := w.Hook.what(b.name)
	within := strings.Index(def, "await")
	switch {
	case pre:
		p.insert(at, nl+blanks+strings.TrimSuffix(def, nl), len(nl+blanks)+within, what)
	case b.ret != nil && at == rewrite.LineStart(t.src, int(b.ret.StartByte())):
		p.insert(at, def+nl, within, what)
	default:
		// Blank lines above only, however the next line reads: Undo
		// could not tell blank lines added below from the user's.
		p.insert(at, blanks+def, len(blanks)+within, what)
	}
	return p, nil
}

// blankLine reports whether the line starting at off holds only blanks.
func blankLine(src []byte, off int) bool {
	return len(bytes.TrimSpace(src[off:rewrite.LineEnd(src, off)])) == 0
}

// lifespanName is the name of the lifespan function paxx writes.
const lifespanName = "lifespan"

// newLifespan writes an empty `@asynccontextmanager` lifespan above the
// app (above its factory) and passes it to FastAPI(...) as the call lays
// out its arguments; the hook then goes into it. It goes into the last gap
// between the imports and the app where it has two blank lines above and
// below it, else right above the app (see defGapAbove).
func (w Wire) newLifespan(t *appTree, b *appBuild) (*wirePlan, error) {
	if _, ok := t.bound(lifespanName); ok {
		return nil, w.unwired(t.path, t.src, int(b.call.StartByte()), "the module binds %s already, and FastAPI(...) takes no lifespan: paxx cannot add one under that name", lifespanName)
	}
	nl, unit := rewrite.Newline(t.src), t.indentUnit()
	anchor := b.assign
	if b.factory != nil {
		anchor = b.factory
	}
	gap := t.defGapAbove(anchor)
	ann := ""
	if b.callee == "FastAPI" {
		ann = ": FastAPI"
	}
	text := gap.defText("@asynccontextmanager"+nl+"async def "+lifespanName+"(app"+ann+"):"+nl+unit+"yield"+nl, nl)
	p := &wirePlan{again: true, imports: []Import{{Module: "contextlib", Name: "asynccontextmanager"}}}
	p.insert(gap.at, text, strings.Index(text, "async def"), "lifespan "+lifespanName)
	_, args := t.callParts(b.call)
	p.edits = append(p.edits, argEdit(t, args, lifespanName+"="+lifespanName, nl))
	return p, nil
}

// commentsAbove returns the start of the comment lines right above the
// line at off (the statement's own comment), else of that line.
func (t *appTree) commentsAbove(off int) int {
	at := rewrite.LineStart(t.src, off)
	for at > 0 {
		prev := rewrite.LineStart(t.src, at-1)
		if !bytes.HasPrefix(bytes.TrimLeft(t.src[prev:at], " \t"), []byte("#")) {
			break
		}
		at = prev
	}
	return at
}

// argEdit adds the keyword argument arg to an argument list, as the list
// lays out its arguments: inline, or one a line with or without a
// trailing comma.
func argEdit(t *appTree, args *sitter.Node, arg, nl string) rewrite.Edit {
	closing := int(args.EndByte()) - 1
	var as []*sitter.Node
	for _, a := range namedChildren(args) {
		if a.Type() != "comment" {
			as = append(as, a)
		}
	}
	if len(as) == 0 {
		return rewrite.Edit{Start: closing, End: closing, Text: arg}
	}
	last := as[len(as)-1]
	end := int(last.EndByte())
	// The trailing comma, if any, as the parser sees it: a comma inside a
	// comment after the last argument is no separator.
	comma := -1
	for i := 0; i < int(args.ChildCount()); i++ {
		if c := args.Child(i); c.Type() == "," && int(c.StartByte()) >= end {
			comma = int(c.StartByte()) - end
			break
		}
	}
	multi := bytes.Contains(t.src[end:closing+1], []byte("\n"))
	ind := rewrite.Indentation(t.src, int(last.StartByte()))
	switch {
	case multi && comma >= 0 && blankLine(t.src[:closing], rewrite.LineStart(t.src, closing)):
		at := rewrite.LineStart(t.src, closing)
		return rewrite.Edit{Start: at, End: at, Text: ind + arg + "," + nl}
	case multi && comma >= 0:
		at := end + comma + 1
		return rewrite.Edit{Start: at, End: at, Text: nl + ind + arg + ","}
	case multi:
		return rewrite.Edit{Start: end, End: end, Text: "," + nl + ind + arg}
	case comma >= 0:
		at := end + comma + 1
		return rewrite.Edit{Start: at, End: at, Text: " " + arg + ","}
	}
	return rewrite.Edit{Start: end, End: end, Text: ", " + arg}
}
