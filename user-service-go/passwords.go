package main

// Passwords are kept only as a salted scrypt hash, "scrypt$<N>$<salt>$<hash>", salt and hash in
// hex, with r=8, p=1 and 32 bytes, as Node's: the same format as the TypeScript user-service's
// passwords.ts, so the seeded users' hashes work in both. N, the cost, is PASSWORD_HASH_COST
// (16384 by default, about 40 ms and 16 MB a hash); each hash says its own, so a hash made at one
// cost verifies whatever the setting is now.

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/crypto/scrypt"
)

// The costs PASSWORD_HASH_COST may be, and a stored hash may say: powers of two from 1024 (the
// tests') to 131072 (OWASP's recommendation, 128 MB a hash), as passwords.ts says why.
const (
	defaultHashCost = 16384
	lowestHashCost  = 1024
	highestHashCost = 131072
	keyBytes        = 32
)

func isHashCost(cost int) bool {
	return cost >= lowestHashCost && cost <= highestHashCost && cost&(cost-1) == 0
}

func derive(password string, salt []byte, cost int) []byte {
	key, err := scrypt.Key([]byte(password), salt, cost, 8, 1, keyBytes)
	if err != nil {
		panic(err) // only for parameters out of range, and isHashCost keeps them in it
	}
	return key
}

func hashPassword(password string, cost int) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(err)
	}
	return "scrypt$" + strconv.Itoa(cost) + "$" + hex.EncodeToString(salt) + "$" + hex.EncodeToString(derive(password, salt, cost))
}

var (
	unusableLock sync.Mutex
	unusable     = map[int]string{}
	hexBytes     = regexp.MustCompile(`^(?:[0-9a-f]{2})+$`)
	costDigits   = regexp.MustCompile(`^\d{1,7}$`)
)

func unusableHash(cost int) string {
	unusableLock.Lock()
	defer unusableLock.Unlock()
	if unusable[cost] == "" {
		unusable[cost] = hashPassword("no password matches this one", cost)
	}
	return unusable[cost]
}

// isPassword: whether password is the one stored was made from, at the cost stored says. An
// unknown email (stored "") costs a hash at cost, the setting's, too, so the time an answer takes
// does not tell which emails exist.
func isPassword(password, stored string, cost int) bool {
	hash := stored
	if hash == "" {
		hash = unusableHash(cost)
	}
	hashCost, salt, want, ok := parseHash(hash)
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare(derive(password, salt, hashCost), want) == 1 && stored != ""
}

// parseHash reads "scrypt$<N>$<salt>$<hash>", and "scrypt$<salt>$<hash>", the form before hashes
// said their cost, which was always 16384. Anything else (a cost out of range, not hex): not ok.
func parseHash(stored string) (cost int, salt, key []byte, ok bool) {
	parts := strings.Split(stored, "$")
	if parts[0] != "scrypt" || (len(parts) != 3 && len(parts) != 4) {
		return 0, nil, nil, false
	}
	costText, saltHex, keyHex := strconv.Itoa(defaultHashCost), parts[1], parts[2]
	if len(parts) == 4 {
		costText, saltHex, keyHex = parts[1], parts[2], parts[3]
	}
	cost, _ = strconv.Atoi(costText)
	if !costDigits.MatchString(costText) || !isHashCost(cost) || !hexBytes.MatchString(saltHex) || len(keyHex) != keyBytes*2 || !hexBytes.MatchString(keyHex) {
		return 0, nil, nil, false
	}
	salt, _ = hex.DecodeString(saltHex)
	key, _ = hex.DecodeString(keyHex)
	return cost, salt, key, true
}
