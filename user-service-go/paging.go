package main

// Lists come in pages (https://google.aip.dev/158), as protos/src/paging.ts makes them: the token
// is "after:<id of the last item sent>" in base64url, opaque to callers.

import (
	"encoding/base64"
	"regexp"
	"strconv"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var tokenPattern = regexp.MustCompile(`^after:(\d{1,15})$`)

func pageOf(items []user, pageSize int32, pageToken string) ([]user, string, error) {
	if pageSize < 0 {
		return nil, "", status.Error(codes.InvalidArgument, ruleMessage("pageSize"))
	}
	size := int(pageSize)
	if size == 0 {
		size = defaultPageSize
	}
	if size > maxPageSize {
		size = maxPageSize
	}
	after := 0
	if pageToken != "" {
		decoded, err := base64.RawURLEncoding.DecodeString(pageToken)
		match := tokenPattern.FindStringSubmatch(string(decoded))
		if err != nil || match == nil || len(pageToken) > 40 {
			return nil, "", status.Error(codes.InvalidArgument, ruleMessage("pageToken"))
		}
		after, _ = strconv.Atoi(match[1])
	}
	rest := []user{}
	for _, item := range items {
		if numeric(item.id) > after {
			rest = append(rest, item)
		}
	}
	if len(rest) <= size {
		return rest, "", nil
	}
	page := rest[:size]
	return page, base64.RawURLEncoding.EncodeToString([]byte("after:" + page[size-1].id)), nil
}
