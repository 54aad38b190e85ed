package main

// Passwords are kept only as a salted scrypt hash, "scrypt$<salt>$<hash>" in hex, with Node's
// default cost (N=16384, r=8, p=1, 32 bytes): the same format as the TypeScript user-service's
// passwords.ts, so the seeded users' hashes work in both.

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"strings"
	"sync"

	"golang.org/x/crypto/scrypt"
)

func derive(password string, salt []byte) []byte {
	key, err := scrypt.Key([]byte(password), salt, 16384, 8, 1, 32)
	if err != nil {
		panic(err) // only for parameters out of range, and these are fixed
	}
	return key
}

func hashPassword(password string) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(err)
	}
	return "scrypt$" + hex.EncodeToString(salt) + "$" + hex.EncodeToString(derive(password, salt))
}

var (
	unusableOnce sync.Once
	unusable     string
)

// isPassword: whether password is the one stored was made from. An unknown email (stored "")
// costs a hash too, so the time an answer takes does not tell which emails exist.
func isPassword(password, stored string) bool {
	hash := stored
	if hash == "" {
		unusableOnce.Do(func() { unusable = hashPassword("no password matches this one") })
		hash = unusable
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 3 || parts[0] != "scrypt" {
		return false
	}
	salt, err1 := hex.DecodeString(parts[1])
	want, err2 := hex.DecodeString(parts[2])
	if err1 != nil || err2 != nil {
		return false
	}
	return subtle.ConstantTimeCompare(derive(password, salt), want) == 1 && stored != ""
}
