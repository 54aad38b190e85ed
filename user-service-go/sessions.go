package main

// Session keys (lesson 11), as the TypeScript user-service's sessions.ts makes them: a login token
// names its user by id, but ids come back: every process seeds users 1, 2 and 3 again (after a
// restart, on another replica), and after a reset new users get 4, 5, … again (npm start never gives
// a new user's id twice otherwise: launcher/supervisor.js). So a token also carries its user's
// session key, and CheckSession honours it only while that user still has that key. A key is 16
// random bytes from the system's cryptographic generator, so nobody can guess the next one.

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
)

// newSessionKey: a fresh key, 22 characters of base64url
func newSessionKey() string {
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(key)
}

// isSessionKey: whether sent is stored, compared in constant time, so how long it takes tells
// nothing about how much of a guess was right. Every key has the same length: refusing another
// length early gives nothing away.
func isSessionKey(sent, stored string) bool {
	return subtle.ConstantTimeCompare([]byte(sent), []byte(stored)) == 1
}
