package cmd

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// didYouMean returns ` (did you mean "x"?)` when one or more known names are
// close to name, else "": a misspelt flag, reward or method gets the nearest
// spellings, as git and cargo do.
func didYouMean(name string, known []string) string {
	return suggest(name, known, strconv.Quote)
}

// suggest is didYouMean with the names shown by show.
func suggest(name string, known []string, show func(string) string) string {
	var close []string
	for _, k := range known {
		if k == name {
			continue
		}
		limit := max(1, min(len(name), len(k))/3)
		if editDistance(strings.ToLower(name), strings.ToLower(k)) <= limit ||
			(len(name) >= 3 && strings.HasPrefix(k, name)) {
			close = append(close, k)
		}
	}
	switch len(close) {
	case 0:
		return ""
	case 1:
		return " (did you mean " + show(close[0]) + "?)"
	}
	quoted := make([]string, len(close))
	for i, c := range close {
		quoted[i] = show(c)
	}
	return " (did you mean one of " + strings.Join(quoted, ", ") + "?)"
}

// editDistance is the optimal-string-alignment distance over bytes (names
// are ASCII): Levenshtein's, with a swap of two neighbours as one edit, the
// commonest typo ("mqc" for "mcq").
func editDistance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

// flagSuggestion adds the nearest flag names of c to cobra's "unknown flag"
// error.
func flagSuggestion(c *cobra.Command, err error) string {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return ""
	}
	var known []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			known = append(known, f.Name)
		}
	})
	return suggest(name, known, func(f string) string { return "--" + f })
}

// unknownName returns the usage error for a name that is not among known,
// listing them and the nearest spellings.
func unknownName(what, name string, known []string) error {
	return usageErr("unknown %s %q%s (known: %s)", what, name, didYouMean(name, known), strings.Join(known, ", "))
}

// checkJobs makes -j 0 and negative -j usage errors; leaving the flag out
// means one goroutine per CPU.
func checkJobs(fs *pflag.FlagSet, jobs int) error {
	if fs.Changed("jobs") && jobs < 1 {
		return usageErr("-j %d: want at least 1 (leave -j out for one per CPU)", jobs)
	}
	return nil
}

// completeValues registers shell completion of an enumerated flag's values.
// list is called at completion time, so lists that depend on the registry
// stay current.
func completeValues(c *cobra.Command, flag string, list func() []string) {
	_ = c.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		// A comma-separated list (-r accuracy,for<TAB>) completes its last item.
		prefix := ""
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			prefix = toComplete[:i+1]
		}
		var out []string
		for _, v := range list() {
			out = append(out, prefix+v)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

func fixed(values ...string) func() []string { return func() []string { return values } }
