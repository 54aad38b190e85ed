package main

// user-service's data: a map in memory (DIAGRAM: "User Data (Map)"), as in the TypeScript
// user-service's store.ts. Ids are "1", "2", … counting up, then new users get the ids of the
// process's block (NEW_USER_IDS_FROM to NEW_USER_IDS_TO, main.go); lists are oldest first.

import (
	"fmt"
	"sort"
	"strconv"
	"sync"
)

type user struct {
	id, name, email string
	role            string // "user" or "admin" (lesson 11)
	passwordHash    string // "scrypt$<N>$<salt>$<hash>" (passwords.go), or "" for a user without a password
	sessionKey      string // what login tokens carry (sessions.go); only CheckPassword gives it out
}

// the largest id a page token can carry (paging.go): fifteen digits
const largestID = 999_999_999_999_999

type userStore struct {
	mu         sync.Mutex // gRPC serves each call on its own goroutine
	users      map[string]*user
	lastID     int
	newIDsFrom int // new users get the ids newIDsFrom … newIDsTo
	newIDsTo   int
}

func newUserStore() *userStore {
	return &userStore{users: map[string]*user{}, newIDsFrom: 1, newIDsTo: largestID}
}

// giveNewUsersIDs: from now on, new users get the ids from … to (after the seeded users). An id
// this store has given is never given again, not even after a delete.
func (s *userStore) giveNewUsersIDs(from, to int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if from <= s.lastID {
		return fmt.Errorf("new users cannot get ids from %d: this store has given ids up to %d", from, s.lastID)
	}
	s.lastID, s.newIDsFrom, s.newIDsTo = from-1, from, to
	return nil
}

// create gives the user the next id; false when every id of the block has been given.
func (s *userStore) create(name, email, role, passwordHash string) (user, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lastID >= s.newIDsTo {
		return user{}, false
	}
	s.lastID++
	// a new key for every user, the seeded ones at every start too: a token made for whoever had
	// this id before a reset, or before a restart of a user-service run on its own (which counts
	// from 4 again), does not fit this user
	u := &user{id: strconv.Itoa(s.lastID), name: name, email: email, role: role, passwordHash: passwordHash, sessionKey: newSessionKey()}
	s.users[u.id] = u
	return *u, true
}

// the ids new users get
func (s *userStore) newUserIDs() (from, to int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDsFrom, s.newIDsTo
}

func (s *userStore) get(id string) (user, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return user{}, false
	}
	return *u, true
}

// every user, oldest first
func (s *userStore) list() []user {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]user, 0, len(s.users))
	for _, u := range s.users {
		all = append(all, *u)
	}
	sort.Slice(all, func(i, j int) bool { return numeric(all[i].id) < numeric(all[j].id) })
	return all
}

func (s *userStore) findByEmail(email string) (user, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wanted := foldASCIICase(email)
	for _, u := range s.users {
		if foldASCIICase(u.email) == wanted {
			return *u, true
		}
	}
	return user{}, false
}

// Emails match whatever the case of their ASCII letters, A to Z, and only of those, as in the
// TypeScript store.ts and the gateway's count of failed logins: "JOHN@example.com" is John's,
// "İris@example.com" is not iris@example.com. A deliberately simple rule: strings.ToLower lowers
// "İ" to "i", JavaScript's toLowerCase to "i" and a dot above, and an email that one side matches
// to an account while the other counts it apart gets fresh tries at the gateway's login throttle.
// Byte by byte: an ASCII byte is never part of a longer UTF-8 character.
func foldASCIICase(email string) string {
	folded := []byte(email)
	for i, b := range folded {
		if 'A' <= b && b <= 'Z' {
			folded[i] = b + ('a' - 'A')
		}
	}
	return string(folded)
}

// changes: only the fields that are set
func (s *userStore) update(id string, name, email, passwordHash *string) (user, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return user{}, false
	}
	if name != nil {
		u.name = *name
	}
	if email != nil {
		u.email = *email
	}
	if passwordHash != nil {
		u.passwordHash = *passwordHash
		u.sessionKey = newSessionKey() // a new password ends every login made with the old one
	}
	return *u, true
}

func (s *userStore) delete(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.users[id]
	delete(s.users, id)
	return ok
}

func numeric(id string) int {
	n, _ := strconv.Atoi(id)
	return n
}
