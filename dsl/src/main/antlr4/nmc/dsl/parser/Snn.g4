// The network language. A pure grammar (no actions): nmc.dsl.parse.LineBreaks decides which line breaks
// end a statement, and nmc.dsl.ast.AstBuilder turns the tree into the AST.
grammar Snn;

program : sep* (decl (sep+ decl)*)? sep* EOF ;

sep : NL | ';' ;

decl
  : IMPORT STRING                                                                  # importDecl
  | kind=(NEURON | SYNAPSE) name '{' sep* (modelItem (sep+ modelItem)*)? sep* '}'  # modelDecl
  | POPULATION name '=' size=signedNumber X model=name ('(' argList? ')')?         # populationDecl
  | PROJECTION name ':' pre=name '->' post=name '.' port=name
      '{' sep* (projectionItem (sep+ projectionItem)*)? sep* '}'                   # projectionDecl
  | CURRENT name ':' pop=name '.' port=name '=' expr                               # currentDecl
  | PROBE probeSpec                                                                # probeDecl
  | RUN '{' sep* (setting (sep+ setting)*)? sep* '}'                               # runDecl
  | ANN name '{' sep* (annItem (sep+ annItem)*)? sep* '}'                          # annDecl
  ;

// ANN models (docs/ann.md): the input shape, layers in order, and a train block.
annItem
  : INPUT (dims | NUMBER)                                         # annInputItem
  | TRAIN '{' sep* (annSetting (sep+ annSetting)*)? sep* '}'     # annTrainItem
  | name ('(' (annArg (',' annArg)*)? ')')?                       # annLayerItem
  ;

annSetting : name '=' annValue ;

annArg : (name '=')? annValue ;

annValue
  : from=expr '->' to=expr                                        # annArrowValue
  | STRING                                                        # annStringValue
  | dims                                                          # annDimsValue
  | name '(' (annArg (',' annArg)*)? ')'                          # annCallValue
  | expr                                                          # annExprValue
  ;

signedNumber : '-'? NUMBER ;

// Items of neuron and synapse models; which ones a kind of model may use is checked after parsing.
modelItem
  : PARAMETERS '{' sep* (varDecl (sep+ varDecl)*)? sep* '}'     # parametersItem
  | PRE? STATE '{' sep* (varDecl (sep+ varDecl)*)? sep* '}'     # stateItem
  | INPUT '{' sep* (portDecl (sep+ portDecl)*)? sep* '}'        # inputItem
  | EQUATIONS '{' sep* (equation (sep+ equation)*)? sep* '}'    # equationsItem
  | SPIKE WHEN expr RISING?                                      # spikeItem
  | RESET '{' sep* (assignment (sep+ assignment)*)? sep* '}'    # resetItem
  | ON_PRE '{' sep* (assignment (sep+ assignment)*)? sep* '}'   # onPreItem
  | REFRACTORY expr                                              # refractoryItem
  | METHOD name                                                  # methodItem
  | WEIGHT ':' expr                                              # weightDimItem
  | CURRENT expr                                                 # currentItem
  ;

varDecl : name (':' unit=expr)? '=' value=expr ;

portDecl : name ':' unit=expr ;

equation
  : LET name '=' expr                                     # letEquation
  | ID '/' ID '=' expr (UNLESS REFRACTORY)?               # odeEquation
  ;

assignment : lvalue op=('=' | '+=' | '-=' | '*=') expr ;

lvalue : name ('.' name)? ;

projectionItem
  : CONNECT name ('(' argList? ')')?        # connectItem
  | SYNAPSE name ('(' argList? ')')?        # synapseItem
  | WEIGHT expr                             # weightItem
  | DELAY expr                              # delayItem
  | sign=(EXCITATORY | INHIBITORY)          # signItem
  ;

probeSpec
  : SPIKES name selector?                   # spikeProbe
  | RATE name (BIN expr)?                   # rateProbe
  | pop=name '.' var=name selector?         # stateProbe
  ;

selector : '[' indexItem (',' indexItem)* ']' ;

indexItem : from=NUMBER ('..' to=NUMBER)? ;

setting : name '=' expr ;

// Expressions: the alternatives are listed from the tightest binding to the loosest.
expr
  : primary                                                   # primaryExpr
  | <assoc=right> expr op='**' expr                           # powerExpr
  | op='-' expr                                               # negExpr
  | expr op=('*' | '/') expr                                  # mulExpr
  | expr op=('+' | '-') expr                                  # addExpr
  | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr      # compareExpr
  | op=NOT expr                                               # notExpr
  | expr op=AND expr                                          # andExpr
  | expr op=OR expr                                           # orExpr
  | IF expr THEN expr ELSE expr                               # condExpr
  ;

primary
  : NUMBER unit=ID?                                           # numberPrimary
  | '(' expr ')' unit=ID?                                     # parenPrimary
  | '[' (expr (',' expr)*)? ']' unit=ID?                      # arrayPrimary
  | name '(' argList? ')'                                     # callPrimary
  | name ('.' name)?                                          # namePrimary
  ;

argList : arg (',' arg)* ;

arg
  : name '=' (dims | expr)                                    # namedArg
  | FROM expr                                                 # fromArg
  | TO expr                                                   # toArg
  | dims                                                      # dimsArg
  | expr                                                      # positionalArg
  ;

// A shape such as 28 x 28 x 1 (conv2d arguments).
dims : NUMBER (X NUMBER)+ ;

// Words with a meaning in one place are ordinary names everywhere else.
name
  : ID | X | FROM | TO | PARAMETERS | STATE | PRE | INPUT | EQUATIONS | SPIKE | WHEN | RISING | RESET
  | ON_PRE | REFRACTORY | METHOD | WEIGHT | CURRENT | CONNECT | SYNAPSE | DELAY | EXCITATORY | INHIBITORY
  | SPIKES | RATE | BIN | NEURON | POPULATION | PROJECTION | PROBE | RUN | IMPORT | ANN | TRAIN
  ;

IMPORT : 'import' ;
NEURON : 'neuron' ;
SYNAPSE : 'synapse' ;
POPULATION : 'population' ;
PROJECTION : 'projection' ;
CURRENT : 'current' ;
PROBE : 'probe' ;
RUN : 'run' ;
ANN : 'ann' ;
TRAIN : 'train' ;
PARAMETERS : 'parameters' ;
STATE : 'state' ;
PRE : 'pre' ;
INPUT : 'input' ;
EQUATIONS : 'equations' ;
SPIKE : 'spike' ;
WHEN : 'when' ;
RISING : 'rising' ;
RESET : 'reset' ;
ON_PRE : 'on_pre' ;
REFRACTORY : 'refractory' ;
METHOD : 'method' ;
WEIGHT : 'weight' ;
CONNECT : 'connect' ;
DELAY : 'delay' ;
EXCITATORY : 'excitatory' ;
INHIBITORY : 'inhibitory' ;
SPIKES : 'spikes' ;
RATE : 'rate' ;
BIN : 'bin' ;
X : 'x' ;
FROM : 'from' ;
TO : 'to' ;
LET : 'let' ;
UNLESS : 'unless' ;
IF : 'if' ;
THEN : 'then' ;
ELSE : 'else' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA : ',' ;
SEMI : ';' ;
COLON : ':' ;
DOT : '.' ;
RANGE : '..' ;
ARROW : '->' ;
ASSIGN : '=' ;
ADD_ASSIGN : '+=' ;
SUB_ASSIGN : '-=' ;
MUL_ASSIGN : '*=' ;
POW : '**' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
LT : '<' ;
LE : '<=' ;
GT : '>' ;
GE : '>=' ;
EQ : '==' ;
NE : '!=' ;

NUMBER : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? ;
fragment DIGITS : [0-9]+ ;
ID : [a-zA-Z_\u00b5] [a-zA-Z_0-9\u00b5]* ;
STRING : '"' ~["\r\n]* '"' ;

NL : '\r'? '\n' | '\r' ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\f]+ -> skip ;
// Anything else becomes one token the parser rejects with a readable message.
ERROR_CHAR : . ;
