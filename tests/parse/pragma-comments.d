#pragma D option quiet /* why not */
#pragma D option aggsortrev // line comment
