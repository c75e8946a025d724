#!/usr/bin/env bash
# svc's completion as each real shell runs it, on a throw-away data directory with a few records
# made by real svc commands at a frozen clock: bash through bash-completion with COMP_WORDS split
# as readline splits them, zsh's completion system in a zpty (compadd wrapped to print what it
# matched), fish's `complete -C`; and `svc __complete` itself. Every list is compared whole.
# Usage: completion_test.sh SVC
set -uo pipefail
svc=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/files/sub"
ln -s "$svc" "$tmp/bin/svc"
touch "$tmp/files/holidays.ics" "$tmp/files/photo.jpg"
export PATH="$tmp/bin:$PATH" LANG=C.UTF-8 LC_ALL=C.UTF-8 SVC_NOW=2026-11-20T10:00 HOME=$tmp
unset SVC_DATA
data=$tmp/data
bad=0

quiet() { "$@" > /dev/null || { echo "setup failed: $*"; exit 1; }; }
quiet svc init --no-git "$data"
cd "$data" || exit 1
quiet svc ticket new --customer 宏达纺织 --phone 1 --zone urban
quiet svc ticket new --customer 远洋船舶 --phone 2 --zone suburban
quiet svc ticket assign 1 --to 李四 --helper 小孙
quiet svc ticket assign 2 --to 王五
quiet svc ticket respond 2
quiet svc ticket arrive 2
quiet svc ticket wait 2 --reason 等配件
quiet svc complaint new --customer 华东机械厂 --category quality/production --description 轴承异响
quiet svc complaint investigate 1
quiet svc complaint route 1 --dept 质量部 --finding 热处理不足
quiet svc survey new --template visit --ticket 1
SVC_NOW=2026-12-01T10:00 quiet svc ticket new --customer 宏达纺织 --phone 1 --zone urban

# The words a script hands to svc for LINE (a trailing blank starts an empty word).
words_of() {
  local -a w
  read -ra w <<< "$1"
  [[ $1 == *" " || -z $1 ]] && w+=("")
  printf '%s\n' "${w[@]}"
}
direct() {  # direct SHELL LINE: what `svc __complete SHELL` prints for LINE
  local -a w
  mapfile -t w < <(words_of "${2#svc }")
  svc __complete "$1" "${w[@]}"
}

bash_complete() {  # LINE: COMPREPLY of svc's bash completion, through bash-completion
  LINE=$1 bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion
    source <(svc completion bash)
    COMP_LINE=$LINE COMP_POINT=${#LINE} COMP_WORDS=() w=
    # readline: words end at blanks, and the breaks = and : are words of their own.
    for ((i = 0; i < ${#LINE}; i++)); do
      c=${LINE:i:1}
      case $c in
        " ") [[ -n $w ]] && COMP_WORDS+=("$w"); w= ;;
        [=:]) [[ -n $w && $w != [=:]* ]] && COMP_WORDS+=("$w") && w=; w+=$c ;;
        *) [[ $w == [=:]* ]] && COMP_WORDS+=("$w") && w=; w+=$c ;;
      esac
    done
    COMP_WORDS+=("$w")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _svc svc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    [[ ${#COMPREPLY[@]} -gt 0 ]] && printf "%s\n" "${COMPREPLY[@]}"' 2> /dev/null
}

cat > "$tmp/init.zsh" << 'EOF'
autoload -U compinit && compinit -u -D
source <(svc completion zsh)
bindkey '^I' complete-word
# compadd as compsys calls it, also printing what it matched and how zsh shows each match.
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits __shown
  local -i i=${@[(i)-d]}
  (( i < $# )) && __shown=("${(@P)${@[i+1]}}")
  builtin compadd -A __hits -D __shown "$@"
  for ((i = 1; i <= $#__hits; i++)) print -r -- "<<match:$__hits[i]|$__shown[i]>>"
  builtin compadd "$@"
}
__svc_test_done() { print -r -- '<<done>>'; exit }
comppostfuncs=(__svc_test_done)
EOF
cat > "$tmp/drive.zsh" << EOF
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1= ; source $tmp/init.zsh"
zpty -n -w z "\$1"\$'\t'
local out= chunk
integer n=0
while (( n++ < 200 )); do
  zpty -r -t z chunk && out+=\$chunk
  [[ \$out == *'<<done>>'* ]] && break
  sleep 0.05
done
zpty -d z
print -r -- "\$out"
EOF
zsh_shown() {  # LINE: each match zsh makes for LINE, "VALUE|AS SHOWN"
  timeout 30 zsh -f "$tmp/drive.zsh" "$1" | tr -d '\r' | grep -o '<<match:[^>]*>>' |
    sed 's/^<<match://; s/>>$//'
}
# A match added twice (_files adds a directory under two tags) is listed once: one sorted group.
zsh_complete() { zsh_shown "$1" | sed 's/|.*//' | sort -u; }

fish_complete() {  # LINE: what fish offers for LINE, "VALUE<TAB>DESCRIPTION"
  LINE=$1 fish --no-config -c 'svc completion fish | source; complete -C"$LINE"'
}
fish_values() { fish_complete "$1" | cut -f1; }

expect() {  # expect WHAT LINE EXPECTED ACTUAL: the whole list, in order
  if [[ "$4" != "$3" ]]; then
    printf '%s for [%s]:\n  expected: %s\n  got:      %s\n' "$1" "$2" "${3//$'\n'/ | }" \
      "${4//$'\n'/ | }"
    bad=1
  fi
}
# each LINE EXPECTED: the same sorted list in bash, zsh and fish.
each() {
  local want
  want=$(printf '%s\n' "$2" | tr ' ' '\n' | sort)
  expect bash "$1" "$want" "$(bash_complete "$1" | sort)"
  expect zsh "$1" "$want" "$(zsh_complete "$1" | sort)"
  expect fish "$1" "$want" "$(fish_values "$1" | sort)"
}
# shells LINE BASH ZSH FISH: where the shells differ.
shells() {
  expect bash "$1" "$(printf '%s' "$2" | tr ' ' '\n' | sort)" "$(bash_complete "$1" | sort)"
  expect zsh "$1" "$(printf '%s' "$3" | tr ' ' '\n' | sort)" "$(zsh_complete "$1" | sort)"
  expect fish "$1" "$(printf '%s' "$4" | tr ' ' '\n' | sort)" "$(fish_values "$1" | sort)"
}

ticket_statuses="new assigned on_site waiting workshop resolved closed cancelled"
each "svc tic" "ticket"
each "svc ticket list --status " "$ticket_statuses"
each "svc ticket list --status wa" "waiting"
each "svc complaint list --status " \
  "received investigating rejected routed proposed accepted implementing implemented closed"
each "svc survey list --status " "pending recorded dropped"
each "svc ticket list --format " "table json csv yaml md xlsx"
each "svc report monthly --format " "table yaml json csv md html xlsx"
each "svc ticket show --format " "table yaml json"
each "svc survey new --template " "visit complaint return property annual"
each "svc complaint new --category quality/" "quality/production quality/logistics"
each "svc ticket wait 2 --reason " "等配件"
each "svc ticket assign 1 --to " "李四 小孙 王五"
each "svc ticket list --tech 王" "王五"
each "svc complaint route 1 --dept " "质量部"
each "svc ticket list --customer " "宏达纺织 远洋船舶 华东机械厂"
each "svc ticket new --zone " "urban suburban remote"
each "svc return new --reason " "none defect transport wrong_item other"
each "svc survey record 1 " "attitude= skill= arrival= promise="
each "svc survey record 1 attitude=4 " "skill= arrival= promise="
each "svc ticket show T-2611" "T-2611-0001 T-2611-0002"
each "svc ticket note 1 " ""
each "svc ticket assign 1 --helper 小" "小孙"
# ITEM=LEVEL: bash's word starts after the = (COMP_WORDBREAKS), zsh and fish take it whole.
shells "svc survey record 1 attitude=" "4 3 2 1" \
  "attitude=4 attitude=3 attitude=2 attitude=1" "attitude=4 attitude=3 attitude=2 attitude=1"
shells "svc survey record 1 attitude=很" "很满意" "attitude=很满意" "attitude=很满意"
shells "svc ticket list --format=j" "json" "--format=json" "--format=json"
# ID endings: one match is the whole ID; several are the endings in bash and zsh, whole IDs in
# fish (which matches inside a word itself).
each "svc ticket show 0002" "T-2611-0002"
each "svc ticket show 2612" "T-2612-0001"
shells "svc ticket show 00" "0001 0002" "0001 0002" "T-2611-0001 T-2611-0002 T-2612-0001"
shells "svc ticket show 2611-" "2611-0001 2611-0002" "2611-0001 2611-0002" \
  "T-2611-0001 T-2611-0002"
shells "svc survey new --ticket=0002" "T-2611-0002" "--ticket=T-2611-0002" "--ticket=T-2611-0002"
shells "svc survey new --ticket 0001" "0001" "0001" "T-2611-0001 T-2612-0001"

# Descriptions: zsh shows VALUE -- DESCRIPTION, fish VALUE<TAB>DESCRIPTION; bash bare words.
expect zsh-shown "svc ticket list --status cl" "closed     -- 已关闭" \
  "$(zsh_shown "svc ticket list --status cl" | sed 's/^[^|]*|//')"
expect fish-shown "svc ticket list --status cl" "closed	已关闭" \
  "$(fish_complete "svc ticket list --status cl")"
expect fish-shown "svc survey record 1 attitude=很" "attitude=很满意	4" \
  "$(fish_complete "svc survey record 1 attitude=很")"
expect fish-shown "svc ticket show 0002" "T-2611-0002	远洋船舶 · 等待中" \
  "$(fish_complete "svc ticket show 0002")"
expect zsh-shown "svc ticket show 00" \
  "0001|0001  -- T-2611-0001 宏达纺织 · 已派工; T-2612-0001 宏达纺织 · 新建
0002|0002  -- T-2611-0002 远洋船舶 · 等待中" "$(zsh_shown "svc ticket show 00")"
expect fish-shown "svc ticket wa" "wait	pause for parts or the customer; the resolve clock stops" \
  "$(fish_complete "svc ticket wa")"
expect fish-shown "svc ticket list --stat" \
  "--status	only these statuses (repeatable or comma-separated)" \
  "$(fish_complete "svc ticket list --stat")"
expect zsh-shown "svc survey new --template vi" "visit|visit      -- 技术员服务评价" \
  "$(zsh_shown "svc survey new --template vi")"

# Paths where a path is expected, and only there.
cd "$tmp/files" || exit 1
shells "svc --data " "sub" "sub" "sub/"
each "svc --data $data ticket show 0002" "T-2611-0002"
shells "svc --data $data calendar import " "holidays.ics photo.jpg sub" \
  "holidays.ics photo.jpg sub" "holidays.ics photo.jpg sub/"
shells "svc --data $data return new --photo p" "photo.jpg" "photo.jpg" "photo.jpg"
shells "svc --data=s" "sub" "sub" "--data=sub/"
each "svc --data $data ticket note 1 " ""
each "svc ticket show " ""  # no data directory here: no IDs, and no files
cd "$data" || exit 1

# svc __complete itself: the markers and the lines the scripts read.
expect direct "svc calendar import " ":files" "$(direct bash "svc calendar import ")"
expect direct "svc --data " ":dirs" "$(direct fish "svc --data ")"
expect direct "svc ticket show 0002" ":replace
T-2611-0002	远洋船舶 · 等待中" "$(direct zsh "svc ticket show 0002")"
expect direct "svc ticket show 0002" "T-2611-0002" "$(direct bash "svc ticket show 0002")"
expect direct "svc ticket list --status wa" "waiting" "$(direct bash "svc ticket list --status wa")"
expect direct "svc ticket list --status " "new	新建" "$(direct zsh "svc ticket list --status " | head -1)"
expect direct "svc ticket list --format " "table json csv yaml md xlsx" \
  "$(direct bash "svc ticket list --format " | tr '\n' ' ' | sed 's/ $//')"
expect direct "svc survey record 2 " "" "$(direct bash "svc survey record 2 ")"

# Without bash-completion: plain COMP_WORDS still completes words and files.
plain=$(LINE="svc tic" bash --norc --noprofile -c 'source <(svc completion bash)
  COMP_WORDS=(svc tic) COMP_CWORD=1; _svc; printf "%s\n" "${COMPREPLY[@]}"' 2> /dev/null)
expect bash-plain "svc tic" "ticket" "$plain"

[ "$bad" -eq 0 ] && echo "completion: bash, zsh and fish offer what svc knows, exactly"
exit "$bad"
