#!/bin/sh
# `take --brief --lang es` in a terminal (issue 23, item 2): the welcome, the key hints, the
# statement screens, the help, the pager and the save and report questions are all Spanish, and
# a scan of every screen finds no English word. Then LANG=es_ES.UTF-8 alone chooses Spanish.
. "$(dirname "$0")/take_tmux_lib.sh"

english='\b(the|and|you|your|of|to|is|are|answer|statement|press|keys|help|save|report|item|skip|back|stop|continue|result|yes|please|enter|more|file|name|thank)\b'
# scan NAME [FROM]: fails when the screen, without quoted commands, paths and a citation (which keeps
# its own language), has an English word.
scan() {
  found=$(screen "$1" | grep -v "^Pane is dead" | awk -v from="${2:-}" 'from != "" && index($0, from) == 0 && !seen { next } { seen = 1; print }' | awk '/^Fuente: /{skip=1} skip && /^$/{skip=0} !skip' |
    sed "s/'[^']*'//g; s|[^ ]*/[^ ]*||g" | grep -iE "$english" | head -3 | tr '\n' ' ')
  [ -z "$found" ] || fail "English on the Spanish screen: $found" "$1"
}

start es -- take --brief --lang es
i=0
while ! screen es | grep -qF "afirmación 1 de 12"; do
  scan es
  if screen es | grep -qF -- "-- más"; then keys es Space; fi
  if screen es | grep -qF "Pulsa Intro para empezar"; then keys es Enter; fi
  i=$((i + 1))
  [ "$i" -gt 300 ] && fail "never reached the first statement" es
  sleep 0.05
done
scan es
screen es | grep -qF "Teclas:" || fail "no Spanish key hints" es
keys es "?"
wait_for es "Ayuda"
scan es
keys es x
wait_for es "afirmación 1 de 12"
k=1
while [ "$k" -le 12 ]; do
  wait_for es "afirmación $k de 12"
  scan es
  keys es 4
  k=$((k + 1))
done
i=0
while ! screen es | grep -qF "¿Guardar este resultado"; do
  if screen es | grep -qF -- "-- más"; then
    scan es
    keys es Space
    sleep 0.1
  fi
  i=$((i + 1))
  [ "$i" -gt 500 ] && fail "never reached the save question" es
  sleep 0.02
done
# (the result's end is on screen above the questions; the pages were scanned as they came)
scan es "¿Guardar"
keys es s
wait_for es "¿Crear un informe HTML?"
keys es n
wait_for es "Gracias por dedicarle este tiempo"
scan es "¿Guardar"

# LANG alone (no --lang) chooses Spanish.
start env "LANG=es_ES.UTF-8" -- take --brief
wait_for env "securebase: cómo sueles sentirte"
echo "take in Spanish: every screen Spanish; LANG chooses the language"
