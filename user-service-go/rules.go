package main

// The contract's rules for field values, as protos/src/rules.ts states them for the TypeScript
// services, with the same wording: a client cannot tell which language answered. The conformance
// suite (npm run conformance) checks both against the same cases.

import (
	"fmt"
	"regexp"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	nameMaxLength     = 100
	emailMaxLength    = 254
	idMaxLength       = 64
	passwordMinLength = 8
	passwordMaxLength = 128
	defaultPageSize   = 50
	maxPageSize       = 100
)

// JavaScript's \s (the TypeScript services' patterns) is Unicode's white space; Go's \s is ASCII's
const jsSpace = `\s\p{Zs}\x{2028}\x{2029}\x{feff}`

var (
	namePattern     = regexp.MustCompile(`^[^\p{Cc}]*[^` + jsSpace + `\p{Cc}][^\p{Cc}]*$`)
	emailPattern    = regexp.MustCompile(`^[^` + jsSpace + `@\p{Cc}]+@[^` + jsSpace + `@\p{Cc}]+\.[^` + jsSpace + `@\p{Cc}]+$`)
	passwordPattern = regexp.MustCompile(`^[^\p{Cc}]*$`)
)

var fieldRules = map[string]string{
	"id":        fmt.Sprintf(`a non-empty id of at most %d characters, such as "1"`, idMaxLength),
	"name":      fmt.Sprintf("a non-blank string of at most %d characters, without control characters such as newlines", nameMaxLength),
	"email":     `an email address such as "ada@example.com"`,
	"password":  fmt.Sprintf("a string of %d to %d characters, without control characters", passwordMinLength, passwordMaxLength),
	"pageSize":  fmt.Sprintf("a whole number (0 means %d; more than %d means %d)", defaultPageSize, maxPageSize, maxPageSize),
	"pageToken": "the nextPageToken of an earlier page, unchanged",
}

// "name must be a non-blank string …": the one wording of a broken rule
func ruleMessage(field string) string {
	return field + " must be " + fieldRules[field]
}

// lengths as JavaScript counts them: ids and emails in UTF-16 units, names and passwords in characters
func jsLength(value string) int { return len(utf16.Encode([]rune(value))) }

func isValidID(value string) bool { return value != "" && jsLength(value) <= idMaxLength }

func isValidName(value string) bool {
	return utf8.ValidString(value) && namePattern.MatchString(value) && utf8.RuneCountInString(value) <= nameMaxLength
}

func isValidEmail(value string) bool {
	return utf8.ValidString(value) && jsLength(value) <= emailMaxLength && emailPattern.MatchString(value)
}

func isValidPassword(value string) bool {
	length := utf8.RuneCountInString(value)
	return utf8.ValidString(value) && passwordPattern.MatchString(value) && length >= passwordMinLength && length <= passwordMaxLength
}
