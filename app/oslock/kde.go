package oslock

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
)

// KDE reads Plasma's screen locker from kscreenlockerrc: files, least
// important first ($XDG_CONFIG_DIRS from the last to the first, then
// ~/.config), cascade as KConfig does: a later file's value wins unless
// an earlier one made the key, its group or the whole file immutable with
// [$i]. Autolock defaults to true, Timeout to 5 minutes and LockGrace (the
// seconds after the lock in which input unlocks without a password) to 5.
func KDE(files []string) Setting {
	s := Setting{Desktop: "KDE"}
	vals := map[string]string{}
	fixed := map[string]bool{}
	var read []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			s.Error = err.Error()
			return s
		}
		read = append(read, f)
		kconfigDaemon(data, vals, fixed)
	}
	s.Source = strings.Join(read, ", ")
	autolock, timeout, grace := true, 5, 5
	if v, ok := vals["Autolock"]; ok {
		autolock = strings.EqualFold(v, "true")
	}
	if v, ok := vals["Timeout"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			s.Error = "Timeout: not a number of minutes: " + strconv.Quote(v)
			return s
		}
		timeout = n
	}
	if v, ok := vals["LockGrace"]; ok {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			grace = n
		}
	}
	s.Known = true
	s.Enabled = autolock && timeout > 0
	if s.Enabled {
		s.After = time.Duration(timeout)*time.Minute + time.Duration(grace)*time.Second
	}
	return s
}

// kconfigDaemon merges the [Daemon] group of one KConfig file into vals,
// leaving alone the keys in fixed (made immutable by an earlier file), and
// adds the keys this file makes immutable.
func kconfigDaemon(data []byte, vals map[string]string, fixed map[string]bool) {
	group := ""
	fileFixed, groupFixed, daemonFixed := false, false, false
	sc := bufio.NewScanner(bytes.NewReader(data))
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if first && line == "[$i]" {
			fileFixed = true
			first = false
			continue
		}
		first = false
		if strings.HasPrefix(line, "[") {
			name, rest, _ := strings.Cut(line[1:], "]")
			group, groupFixed = name, strings.Contains(rest, "[$i]")
			if group == "Daemon" && groupFixed {
				daemonFixed = true
			}
			continue
		}
		if group != "Daemon" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		keyFixed := false
		if i := strings.Index(k, "["); i >= 0 {
			opts := k[i:]
			k = k[:i]
			if opts != "[$i]" {
				continue // a localised or other variant
			}
			keyFixed = true
		}
		if fixed[k] || fixed["*"] {
			continue
		}
		vals[k] = strings.TrimSpace(v)
		if keyFixed || groupFixed || fileFixed {
			fixed[k] = true
		}
	}
	if daemonFixed || fileFixed {
		// Keys the file did not set stay as they are: KConfig reads none
		// from the files after it.
		fixed["*"] = true
	}
}
