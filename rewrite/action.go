package rewrite

// Action is one thing a rewrite did to a file — or, when paxx only checks a
// project, would still do. Add prints actions as the summary of a change;
// check prints them as drift.
type Action struct {
	// Line is the 1-based line, in the rewritten file, where the change
	// starts: the line a person opens to see it.
	Line int
	// What names the thing added or changed as a noun phrase, such as
	// "field redis_url in Settings" or "service redis".
	What string
}
