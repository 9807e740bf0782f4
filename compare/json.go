package compare

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	json "github.com/goccy/go-json"

	"github.com/grpo-score/grpo-score/jsonlio"
	"github.com/grpo-score/grpo-score/stats"
)

// FormatVersion is the version of the JSON that WriteJSON writes.
const FormatVersion = 1

// The JSON form holds the figures a reader wants (correlations, counts,
// fractions, the top lines) next to the merge state (each configuration's
// stats.Summary, each stats.Pair's sketch), so that `report` can draw it
// and comparisons of shards can be merged. Undefined figures are null.

type fileJSON struct {
	Version        int          `json:"version"`
	Kind           string       `json:"kind"`
	Grouped        bool         `json:"grouped"`
	Top            int          `json:"top"`
	IDField        string       `json:"id_field"`
	Configurations []configJSON `json:"configurations"`
	Pairs          []pairJSON   `json:"pairs"`
}

type configJSON struct {
	Config
	InvalidLines uint64         `json:"invalid_lines"`
	Stats        *stats.Summary `json:"stats"`
}

type pairJSON struct {
	A            string                 `json:"a"`
	B            string                 `json:"b"`
	Total        *stats.Pair            `json:"total"`
	ByReward     map[string]*stats.Pair `json:"by_reward"`
	Groups       *groupsJSON            `json:"groups,omitempty"`
	TopTotal     []diffJSON             `json:"top_total"`
	TopAdvantage []diffJSON             `json:"top_advantage,omitempty"`
}

type groupsJSON struct {
	GroupChanges
	ZeroStdChanged   uint64   `json:"zero_std_changed"`
	SignFlipFraction *float64 `json:"sign_flip_fraction"`
}

type diffJSON struct {
	Diff
	Delta float64 `json:"delta"`
}

// Kind names a compare result in the JSON, so that report can tell it
// from a --stats file.
const Kind = "grpo-score compare"

// WriteJSON writes c as one JSON document followed by a newline.
func (c *Comparison) WriteJSON(w io.Writer, idField string) error {
	out := fileJSON{Version: FormatVersion, Kind: Kind, Grouped: c.grouped, Top: c.top, IDField: idField}
	for i, cf := range c.configs {
		out.Configurations = append(out.Configurations, configJSON{Config: cf, InvalidLines: c.invalid[i], Stats: c.sums[i]})
	}
	diffs := func(t *Top) []diffJSON {
		ds := []diffJSON{}
		for _, d := range t.items {
			ds = append(ds, diffJSON{Diff: d, Delta: d.Delta()})
		}
		return ds
	}
	for _, p := range c.pairs {
		pj := pairJSON{A: c.configs[p.A].Name, B: c.configs[p.B].Name, Total: p.Total, ByReward: map[string]*stats.Pair{}, TopTotal: diffs(p.TopTotal)}
		for k, name := range p.Names {
			pj.ByReward[name] = p.Rewards[k]
		}
		if c.grouped {
			g := &groupsJSON{GroupChanges: p.Groups, ZeroStdChanged: p.Groups.ZeroStdChanged()}
			if f := p.Groups.SignFlipFraction(); !math.IsNaN(f) {
				g.SignFlipFraction = &f
			}
			pj.Groups = g
			pj.TopAdvantage = diffs(p.TopAdvantage)
		}
		out.Pairs = append(out.Pairs, pj)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadJSON reads a comparison written by WriteJSON; it returns the id
// field it was written with too.
func ReadJSON(data []byte) (*Comparison, string, error) {
	var in fileJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, "", fmt.Errorf("compare: %w", err)
	}
	if in.Kind != Kind {
		return nil, "", errors.New(`compare: not a compare result (no "kind": "grpo-score compare")`)
	}
	if in.Version != FormatVersion {
		return nil, "", fmt.Errorf("compare: format version %d, this build reads version %d", in.Version, FormatVersion)
	}
	if len(in.Configurations) < 2 {
		return nil, "", errors.New("compare: fewer than two configurations")
	}
	var configs []Config
	for _, cj := range in.Configurations {
		if cj.Stats == nil || !slices.Equal(cj.Stats.Rewards(), cj.Rewards) {
			return nil, "", fmt.Errorf("compare: configuration %s: statistics missing or of other rewards", cj.Name)
		}
		configs = append(configs, cj.Config)
	}
	var idPath jsonlio.Path
	if in.IDField != "" {
		p, err := jsonlio.ParsePath(in.IDField)
		if err != nil {
			return nil, "", fmt.Errorf("compare: id_field: %w", err)
		}
		idPath = p
	}
	c := New(configs, in.Grouped, in.Top, idPath)
	for i, cj := range in.Configurations {
		c.sums[i] = cj.Stats
		c.invalid[i] = cj.InvalidLines
	}
	if len(in.Pairs) != len(c.pairs) {
		return nil, "", fmt.Errorf("compare: %d pairs for %d configurations", len(in.Pairs), len(configs))
	}
	for k, p := range c.pairs {
		pj := in.Pairs[k]
		if pj.A != configs[p.A].Name || pj.B != configs[p.B].Name || pj.Total == nil || len(pj.ByReward) != len(p.Names) {
			return nil, "", fmt.Errorf("compare: pair %d is not %s against %s with their shared rewards", k+1, configs[p.A].Name, configs[p.B].Name)
		}
		p.Total = pj.Total
		for i, name := range p.Names {
			if p.Rewards[i] = pj.ByReward[name]; p.Rewards[i] == nil {
				return nil, "", fmt.Errorf("compare: pair %s/%s lacks reward %s", pj.A, pj.B, name)
			}
		}
		if in.Grouped {
			if pj.Groups == nil {
				return nil, "", fmt.Errorf("compare: pair %s/%s lacks its group figures", pj.A, pj.B)
			}
			p.Groups = pj.Groups.GroupChanges
		}
		for _, d := range pj.TopTotal {
			p.TopTotal.add(d.Diff)
		}
		for _, d := range pj.TopAdvantage {
			p.TopAdvantage.add(d.Diff)
		}
	}
	return c, in.IDField, nil
}
