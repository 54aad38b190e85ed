package main

// user-service's data: a map in memory (DIAGRAM: "User Data (Map)"), as in the TypeScript
// user-service's store.ts. Ids are "1", "2", … counting up; lists are oldest first.

import (
	"sort"
	"strconv"
	"strings"
	"sync"
)

type user struct {
	id, name, email string
	role            string // "user" or "admin" (lesson 11)
	passwordHash    string // "scrypt$<salt>$<hash>", or "" for a user without a password
	sessionKey      string // what login tokens carry (sessions.go); only CheckPassword gives it out
}

type userStore struct {
	mu     sync.Mutex // gRPC serves each call on its own goroutine
	users  map[string]*user
	lastID int
}

func newUserStore() *userStore { return &userStore{users: map[string]*user{}} }

func (s *userStore) create(name, email, role, passwordHash string) user {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastID++
	// a new key for every user, the seeded ones at every start too: a token made for whoever had
	// this id before a reset or a restart, or has it on another replica, does not fit this user
	u := &user{id: strconv.Itoa(s.lastID), name: name, email: email, role: role, passwordHash: passwordHash, sessionKey: newSessionKey()}
	s.users[u.id] = u
	return *u
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

// emails are compared without regard to case, as the TypeScript store does
func (s *userStore) findByEmail(email string) (user, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if strings.ToLower(u.email) == strings.ToLower(email) {
			return *u, true
		}
	}
	return user{}, false
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
