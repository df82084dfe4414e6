package adjacency

import "sync"

type Graph struct {
	Graph         map[string][]string
	Name          string
	AverageDegree float64
}

// Graphs exports the adjacency graphs by name
//
// Grendel: a function that builds them on its first call (safe for
// concurrent first use) and returns the same map after, instead of a map
// built in the package's init. See third_party/zxcvbn/README.md.
func Graphs() map[string]*Graph {
	graphsOnce.Do(func() {
		graphs = make(map[string]*Graph)
		initGraph(graphs, "qwerty", adjacencyGraphQwerty())
		initGraph(graphs, "dvorak", adjacencyGraphDvorak())
		initGraph(graphs, "keypad", adjacencyGraphKeypad())
		initGraph(graphs, "mac_keypad", adjacencyGraphMacKeypad())
	})
	return graphs
}

var (
	graphsOnce sync.Once
	graphs     map[string]*Graph
)

func initGraph(graphs map[string]*Graph, name string, data map[string][]string) {
	g := &Graph{
		Name:          name,
		Graph:         data,
		AverageDegree: calculateAvgDegree(data),
	}
	graphs[name] = g
}

func calculateAvgDegree(g map[string][]string) float64 {
	var avg float64
	for _, value := range g {
		for _, chars := range value {
			if chars != "" {
				avg += float64(1)
			}
		}

	}

	return avg / float64(len(g))
}
