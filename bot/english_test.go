package bot

import "testing"

func TestIsEnglish(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"salary", true}, {"incoming", true}, {"feet", true}, {"a", true}, {"zygote", true},
		{"sallary", false}, {"certfication", false}, {"outlok", false}, {"", false}, {"zzzzzz", false}, {"aaaaa", false},
	}
	for _, tt := range tests {
		if got := isEnglish(tt.word); got != tt.want {
			t.Errorf("isEnglish(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
