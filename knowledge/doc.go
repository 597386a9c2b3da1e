// Package knowledge is careerbot's typed model of an Occupational Outlook Handbook profile,
// the topics people ask about it, and the embedded, human-editable data file they come from.
//
// It loads and validates that file, and turns the profile into named facts ("pay.median"
// -> "$55,560") that answers are written from, so an answer can only state what the file
// states. It must never import a chat platform SDK or the bot package. The embedded file
// is also checked in parsed, as a snapshot that start-up decodes instead of parsing the
// YAML whenever it was made from the file as it is (snapshot.go; go generate ./knowledge).
package knowledge
