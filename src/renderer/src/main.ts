/** Renderer entry: pick the host (desktop or web), build the lab state, mount the screen. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { pickHost } from './hosts/pick-host';
import { Lab } from './state/lab.svelte';

async function start(target: HTMLElement): Promise<void> {
  const host = await pickHost();
  const lab = new Lab(host);
  mount(App, { target, props: { lab } });
  lab.start();
}

const target = document.getElementById('app');
if (target !== null) void start(target);
