typedef struct node {
	int value;
	struct node *next;
} node_t;
node_t *head;
