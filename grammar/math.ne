# The leibniz grammar: math expressions (start: main) and rewrite rules
# (start: ruleMain). Every postprocessor is one call to a typed builder in
# src/parse/syntax.ts; lowering to the core happens after a unique parse.
#
# Precedence, loosest first: the conditional c ? a : b (right-associative),
# or, and, not, the comparisons (< <= > >= == !=; a chain 0 < x < 1 means
# 0 < x and x < 1), then + -, then * / and juxtaposition (left to right),
# then unary minus, then ^ (right-assoc, binds tighter than unary minus), then
# postfix ! and ' (transpose of a shaped value). `.*`, `./` and `.^` are the
# elementwise product, quotient and power of shaped values. A juxtaposed factor never starts with a number, a sign or a bar,
# which keeps `2 3`, `x -y` and `|a|b|c|` from having two readings.

@preprocessor typescript

@{%
import { lexer } from '../lexer.js';
import * as s from '../syntax.js';
import type { Token } from 'moo';
type Any = any; // nearley hands postprocessors untyped arrays
const tok = (d: Any): Token => d as Token;
%}

@lexer lexer

main     -> expr                                  {% ([e]) => e %}

# A definition: name(params) = body.
defMain  -> %func "(" params ")" "=" expr         {% ([f, , p, , , b]) => s.definition(f, p, b) %}
params   -> %ident                                {% ([t]) => [tok(t)] %}
          | params "," %ident                     {% ([l, , t]) => [...l, tok(t)] %}

expr     -> disj "?" expr ":" expr                {% ([c, q, a, , b]) => s.ternary(q, c, a, b) %}
          | disj                                  {% ([e]) => e %}
disj     -> disj "or" conj                        {% ([l, o, r]) => s.logic(l, o, r) %}
          | conj                                  {% ([e]) => e %}
conj     -> conj "and" negation                   {% ([l, o, r]) => s.logic(l, o, r) %}
          | negation                              {% ([e]) => e %}
negation -> "not" negation                        {% ([o, x]) => s.not(o, x) %}
          | compare                               {% ([e]) => e %}
compare  -> sum                                   {% ([e]) => e %}
          | cmpChain                              {% ([c]) => s.compare(c) %}
cmpChain -> sum cmpop sum                         {% ([l, o, r]) => s.cmpLink(s.cmpLink(null, null, l), o, r) %}
          | cmpChain cmpop sum                    {% ([c, o, r]) => s.cmpLink(c, o, r) %}
cmpop    -> %lt {% ([t]) => t %} | %le {% ([t]) => t %} | %gt {% ([t]) => t %} | %ge {% ([t]) => t %} | %eq {% ([t]) => t %} | %ne {% ([t]) => t %}
          | "≤" {% ([t]) => t %} | "≥" {% ([t]) => t %} | "≠" {% ([t]) => t %}

ruleMain -> ruleName ":" sum %arrow sum guards    {% ([n, , l, , r, g]) => s.rule(n, l, r, g) %}
ruleName -> namePart                              {% ([p]) => p %}
          | ruleName "-" namePart                 {% ([n, , p]) => `${n}-${p}` %}
namePart -> %ident                                {% ([t]) => tok(t).value %}
          | %number                               {% ([t]) => tok(t).value %}
guards   -> null                                  {% () => [] %}
          | "if" guardList                        {% ([, g]) => g %}
guardList -> guard                                {% ([g]) => [g] %}
          | guardList "and" guard                 {% ([l, , g]) => [...l, g] %}
guard    -> %pvar %gt %number                     {% ([v, , n], _, reject) => tok(n).value === '0' ? s.guard(v, '>0') : reject %}
          | %pvar %ge %number                     {% ([v, , n], _, reject) => tok(n).value === '0' ? s.guard(v, '>=0') : reject %}
          | %pvar %ne %number                     {% ([v, , n], _, reject) => tok(n).value === '0' ? s.guard(v, '!=0') : reject %}
          | %pvar %ident                          {% ([v, w]) => s.guard(v, tok(w).value) %}

sum      -> sum addop product                     {% ([l, o, r]) => s.binary(l, o, r) %}
          | product                               {% ([e]) => e %}
product  -> product mulop unary                   {% ([l, o, r]) => s.binary(l, o, r) %}
          | product jpower                        {% ([l, r]) => s.juxtapose(l, r) %}
          | unary                                 {% ([e]) => e %}
unary    -> minus unary                           {% ([o, x]) => s.negate(o, x) %}
          | "+" unary                             {% ([, x]) => x %}
          | power                                 {% ([e]) => e %}
# A tower a^b^c is right-associative, but written left-recursive (a linked
# chain, folded when lowering) so that Earley parses it in linear time.
power    -> postfix                               {% ([e]) => e %}
          | powChain                              {% ([c]) => s.tower(c) %}
powChain -> postfix powop signs postfix           {% ([b, o, g, x]) => s.link(s.link(null, null, [], b), o, g, x) %}
          | powChain powop signs postfix          {% ([c, o, g, x]) => s.link(c, o, g, x) %}
signs    -> null                                  {% () => [] %}
          | signs sign                            {% ([l, t]) => [...l, t] %}
sign     -> minus                                 {% ([t]) => t %}
          | "+"                                   {% ([t]) => t %}
postfix  -> postfix "!"                           {% ([x, o]) => s.factorial(x, o) %}
          | postfix "'"                           {% ([x, o]) => s.prime(x, o) %}
          | atom                                  {% ([e]) => e %}
atom     -> %number                               {% ([t]) => s.number(t) %}
          | "|" sum "|"                           {% ([b, x]) => s.abs(b, x) %}
          | jatom                                 {% ([e]) => e %}

# Juxtaposed factors: like power/postfix/atom, minus numbers and bars.
jpower   -> jpostfix                              {% ([e]) => e %}
          | jpowChain                             {% ([c]) => s.tower(c) %}
jpowChain -> jpostfix powop signs postfix         {% ([b, o, g, x]) => s.link(s.link(null, null, [], b), o, g, x) %}
          | jpowChain powop signs postfix         {% ([c, o, g, x]) => s.link(c, o, g, x) %}
jpostfix -> jpostfix "!"                          {% ([x, o]) => s.factorial(x, o) %}
          | jpostfix "'"                          {% ([x, o]) => s.prime(x, o) %}
          | jatom                                 {% ([e]) => e %}
jatom    -> %ident                                {% ([t]) => s.symbol(t) %}
          | %pvar                                 {% ([t]) => s.symbol(t) %}
          | "(" expr ")"                          {% ([, e]) => e %}
          | %func "(" args ")"                    {% ([f, , a]) => s.call(f, a) %}
          | %func "(" %ident wrtList ")" "(" args2 ")"  {% ([f, , g, w, , , a], _, reject) => tok(f).value === 'D' ? s.partial(f, g, w, a) : reject %}

args     -> expr                                  {% ([e]) => [e] %}
          | args "," expr                         {% ([l, , e]) => [...l, e] %}
args2    -> args "," expr                         {% ([l, , e]) => [...l, e] %}
wrtList  -> "," %number                           {% ([, n]) => [n] %}
          | wrtList "," %number                   {% ([l, , n]) => [...l, n] %}

addop    -> "+" {% ([t]) => t %} | minus {% ([t]) => t %}
minus    -> "-" {% ([t]) => t %} | "−" {% ([t]) => t %}
mulop    -> "*" {% ([t]) => t %} | ".*" {% ([t]) => t %} | "./" {% ([t]) => t %} | "/" {% ([t]) => t %} | "×" {% ([t]) => t %} | "·" {% ([t]) => t %} | "÷" {% ([t]) => t %}
powop    -> %pow {% ([t]) => t %}
