// The page to try GraphQL queries (tutorial lesson 15). No framework, no build, nothing from a CDN:
// it POSTs {"query", "variables"} to /graphql like any GraphQL client, shows the answer, then asks
// the lab for the request's trace (GET /traces/<request id>) to list the gRPC calls it made.
'use strict';

const EXAMPLES = {
  'an order with its user and product': {
    query: `query OrderWithUserAndProduct($id: ID!) {
  order(id: $id) {
    id
    quantity
    totalPrice
    user { name email }
    product { name price }
  }
}`,
    variables: { id: '1' },
  },
  "the diagram's order (a mutation)": {
    query: `mutation {
  createOrder(userId: "1", productId: "1", quantity: 2) {
    id
    totalPrice
    user { name }
    product { name }
  }
}`,
  },
  'a user with their orders': {
    query: `{
  user(id: "1") {
    name
    orders { items { id quantity totalPrice product { name } } }
  }
}`,
  },
  'N+1: 50 orders with their users': {
    query: `{
  orders(pageSize: 50) {
    items { id user { name } }
  }
}`,
  },
  'too deep: refused': {
    query: `{
  users {
    items { orders { items { user { orders { items { id } } } } } }
  }
}`,
  },
};

const $ = (id) => document.getElementById(id);
let count = 0;

function show(name) {
  $('query').value = EXAMPLES[name].query;
  $('variables').value = JSON.stringify(EXAMPLES[name].variables ?? {});
}

for (const name of Object.keys(EXAMPLES)) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = name;
  button.addEventListener('click', () => show(name));
  $('examples').append(button, ' ');
}

// the login of the diagram's page, in this tab (sessionStorage), if there is one
function loggedIn() {
  const saved = sessionStorage.getItem('login');
  return saved ? JSON.parse(saved) : undefined;
}

async function run() {
  let variables;
  try {
    variables = JSON.parse($('variables').value || '{}');
  } catch {
    $('status').textContent = '· the variables are not valid JSON';
    return;
  }
  count += 1;
  const requestId = `graphql-page-${Date.now()}-${count}`;
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json',
    'x-request-id': requestId,
  };
  const login = loggedIn();
  if (login) headers.authorization = `Bearer ${login.token}`;
  $('status').textContent = '· running…';
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: $('query').value, variables }),
  });
  const text = await response.text();
  let answer;
  try {
    answer = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    answer = text;
  }
  $('answer').textContent = answer;
  $('answer').className = /"errors"/.test(text) ? 'has-errors' : '';
  $('status').textContent = `· HTTP ${response.status} · request ${requestId}`;
  await showCalls(requestId);
}

/** The gateway's gRPC calls for the request, from its trace: "api-gateway → user-service GetUser". */
async function showCalls(requestId) {
  const list = $('calls');
  list.replaceChildren();
  const response = await fetch(`/traces/${encodeURIComponent(requestId)}`);
  if (!response.ok) return;
  const trace = await response.json();
  const calls = trace.spans.filter((span) => span.kind === 'client');
  for (const span of calls) {
    const item = document.createElement('li');
    item.textContent = `${span.service} → ${span.peer} ${span.name} (${span.status}, ${span.durationMs.toFixed(1)} ms)`;
    list.appendChild(item);
  }
  if (calls.length === 0) list.appendChild(document.createElement('li')).textContent = 'none';
}

$('run').addEventListener('click', () => run().catch((error) => ($('status').textContent = `· ${error.message}`)));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('run').click();
});

const login = loggedIn();
$('who').textContent = login
  ? `as ${login.user.name} (logged in on the diagram's page)`
  : "nobody is logged in (log in on the diagram's page, in this tab)";
show('an order with its user and product');
fetch('/graphql/schema.graphql')
  .then((response) => response.text())
  .then((schema) => ($('schema').textContent = schema));
